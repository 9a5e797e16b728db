using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Content.Webhooks;
using ClinicCms.Recipes;
using ClinicCms.Recipes.Export;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>The Webhooks recipe step: import by name, every problem named by its path, and an export without secrets.</summary>
[Collection(WebhookSite.Collection)]
public sealed class WebhooksRecipeTests(WebhookSite site)
{
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Repeat((byte)42, 32).ToArray());

    [Fact]
    public async Task The_step_creates_webhooks_by_name_and_an_export_carries_them_without_their_secrets()
    {
        var report = await site.App.RunRecipeTextAsync($$"""
            { "name": "hooks", "steps": [ { "name": "Webhooks", "Webhooks": [
                { "Name": "recipe-next", "Url": "https://clinic.example/api/revalidate", "Events": [ "content.published", "content.unpublished" ],
                  "ContentTypes": [ "Article" ], "Secret": "{{Secret}}", "Enabled": true },
                { "Name": "recipe-media", "Url": "https://cdn.example/purge", "Events": [ "media.changed" ], "Enabled": false } ] } ] }
            """, "hooks.recipe.json");
        Assert.Empty(report.Warnings);

        var stored = await site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync());
        var next = stored.Single(w => w.Name == "recipe-next");
        Assert.Equal(Secret, next.Secret);
        Assert.Equal(["content.published", "content.unpublished"], next.EventList);
        Assert.Equal(["Article"], next.ContentTypeList);
        var media = stored.Single(w => w.Name == "recipe-media");
        Assert.False(media.Enabled);
        Assert.NotNull(WebhookSecret.KeyOf(media.Secret)); // generated

        var export = await site.App.InScopeAsync(async sp =>
        {
            using var output = new MemoryStream();
            await sp.GetRequiredService<RecipeExporter>().ExportAsync(output);
            return Encoding.UTF8.GetString(output.ToArray());
        });
        Assert.DoesNotContain(Secret[6..], export, StringComparison.Ordinal);
        Assert.DoesNotContain(media.Secret[6..], export, StringComparison.Ordinal);
        var step = JsonNode.Parse(export)!["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "Webhooks")!;
        var exported = step["Webhooks"]!.AsArray().Single(w => w!["Name"]!.GetValue<string>() == "recipe-next")!.AsObject();
        Assert.False(exported.ContainsKey("Secret"));
        Assert.Equal("https://clinic.example/api/revalidate", exported["Url"]!.GetValue<string>());

        // The export imports back: the stored secret is kept, as the step brings none.
        await site.App.RunRecipeTextAsync(new JsonObject { ["name"] = "again", ["steps"] = new JsonArray(step.DeepClone()) }.ToJsonString(), "again.recipe.json");
        Assert.Equal(Secret, (await site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync())).Single(w => w.Name == "recipe-next").Secret);
    }

    [Fact]
    public async Task A_bad_step_names_each_problem_by_its_path_and_writes_nothing()
    {
        var error = await Assert.ThrowsAsync<RecipeException>(() => site.App.RunRecipeTextAsync("""
            { "name": "bad", "steps": [ { "name": "Webhooks", "Webhooks": [
                { "Name": "recipe-bad", "Url": "javascript:alert(1)", "Events": [ "content.published", "content.vanished" ], "Secret": "not-a-secret" },
                { "Name": "recipe-bad-2", "Url": "https://ok.example", "Events": "content.published", "Enabled": "yes" } ] } ] }
            """, "bad.recipe.json"));
        var messages = error.Errors.Select(e => e.ToString()).ToList();
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join(Environment.NewLine, messages));
        Assert.Contains(messages, m => m.Contains("Webhooks[0].Url", StringComparison.Ordinal) && m.Contains("http or https", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Webhooks[0].Events[1]", StringComparison.Ordinal) && m.Contains("unknown event \"content.vanished\"", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Webhooks[0].Secret", StringComparison.Ordinal) && m.Contains("whsec_", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Webhooks[1].Events", StringComparison.Ordinal) && m.Contains("an array of strings", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Webhooks[1].Enabled", StringComparison.Ordinal));
        Assert.DoesNotContain(await site.App.InScopeAsync(sp => sp.GetRequiredService<WebhookStore>().ListAsync()), w => w.Name.StartsWith("recipe-bad", StringComparison.Ordinal));
    }
}
