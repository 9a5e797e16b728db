using System.Text.Json.Nodes;
using ClinicCms.Content.Webhooks;
using ClinicCms.Recipes;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>
/// The media store announces every file it writes, moves or deletes, whoever asked: <c>media.changed</c> names the path
/// and its <c>media:{path}</c> cache tag; a recipe's files are announced when the recipe commits, and never when it fails.
/// </summary>
[Collection(WebhookSite.Collection)]
public sealed class MediaChangeTests(WebhookSite site)
{
    [Fact]
    public async Task The_media_step_is_announced_when_its_recipe_commits_and_not_at_all_when_the_recipe_fails()
    {
        var hook = await WebhookSite.SubscribeAsync(site.App, "media-recipe", site.Receiver.Url("media-recipe"), [WebhookEvents.MediaChanged]);
        var store = site.App.Services.GetRequiredService<MediaStore>();

        // Valid when planned; the content step's path is the clinic article's, which only the database knows.
        await Assert.ThrowsAsync<RecipeException>(() => site.App.RunRecipeTextAsync("""
            { "steps": [
              { "name": "media", "Files": [ { "TargetPath": "hooks/failed.png", "Base64": "iVBORw0KGgo=" } ] },
              { "name": "content", "data": [
                { "ContentItemId": "hookarticle00000000000001", "ContentType": "Article", "Latest": true, "Published": true,
                  "TitlePart": { "Title": "Copycat" }, "Article": { "Summary": { "Text": "x" } },
                  "AutoroutePart": { "Path": "articles/how-many-ketamine-infusions-will-i-need" } } ] } ] }
            """, "failing-media.recipe.json"));
        Assert.False(File.Exists(store.Resolve("hooks/failed.png")));
        Assert.Empty(await WebhookSite.DeliveriesAsync(site.App, hook));

        await site.App.RunRecipeTextAsync("""
            { "steps": [ { "name": "media", "Files": [ { "TargetPath": "hooks/recipe.png", "Base64": "iVBORw0KGgo=" } ] } ] }
            """, "media.recipe.json");

        var row = Assert.Single(await WebhookSite.DeliveriesAsync(site.App, hook));
        AssertMediaPayload(row.Payload, "hooks/recipe.png");
        Assert.True(await WebhookSite.Until(() => site.Receiver.Of("media-recipe").Count == 1));
        Assert.True(site.Receiver.Of("media-recipe")[0].SignatureValid);
    }

    [Fact]
    public async Task A_file_written_moved_and_deleted_through_the_store_itself_is_announced_each_time()
    {
        var hook = await WebhookSite.SubscribeAsync(site.App, "media-store", site.Receiver.Url("media-store"), [WebhookEvents.MediaChanged]);
        var store = site.App.Services.GetRequiredService<MediaStore>();

        var (saved, error) = await store.SaveAsync("hooks", "direct.png", new MemoryStream([1, 2, 3]), 3, TestContext.Current.CancellationToken);
        Assert.Null(error);
        Assert.Null(await store.MoveAsync(saved, "hooks/moved.png"));
        Assert.Null(await store.DeleteAsync("hooks/moved.png"));
        Assert.Null(await store.DeleteAsync("hooks/never-there.png")); // nothing deleted, nothing announced

        var paths = (await WebhookSite.DeliveriesAsync(site.App, hook)).OrderBy(d => d.CreatedUtc).ThenBy(d => d.Id)
            .Select(d => JsonNode.Parse(d.Payload)!["data"]!["path"]!.GetValue<string>()).ToList();
        Assert.Equal(["hooks/direct.png", "hooks/direct.png", "hooks/moved.png", "hooks/moved.png"], paths.Order(StringComparer.Ordinal));
        foreach (var row in await WebhookSite.DeliveriesAsync(site.App, hook))
        {
            var path = JsonNode.Parse(row.Payload)!["data"]!["path"]!.GetValue<string>();
            AssertMediaPayload(row.Payload, path);
        }
    }

    internal static void AssertMediaPayload(string body, string path)
    {
        var payload = JsonNode.Parse(body)!;
        Assert.Equal(WebhookEvents.MediaChanged, payload["type"]!.GetValue<string>());
        var data = payload["data"]!;
        Assert.Equal(path, data["path"]!.GetValue<string>());
        Assert.Equal(["media:" + path], data["cacheTags"]!.AsArray().Select(t => t!.GetValue<string>()));
        Assert.Null(data["contentItemId"]);
        Assert.Null(data["contentType"]);
    }
}
