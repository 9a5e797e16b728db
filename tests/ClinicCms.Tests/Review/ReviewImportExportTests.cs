using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Recipes;
using ClinicCms.Recipes.Export;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Review;

/// <summary>Recipes obey review before publish for a user who may not review, and exports keep reviewers' words in.</summary>
public sealed class ReviewImportExportTests(ReviewSite site) : IClassFixture<ReviewSite>
{
    private static readonly ContentUser Importer = new("importer-id", "importer"); // may import, may not review

    [Fact]
    public async Task An_import_by_a_user_who_may_not_review_refuses_published_reviewed_items_and_forged_approvals()
    {
        var live = Item("importedlivefaq0000000001", "Imported live?", published: true);
        var refused = await Assert.ThrowsAsync<RecipeException>(() => RunAsync(Importer, live));
        Assert.Contains("importing it published needs the ReviewContent permission", refused.Message, StringComparison.Ordinal);
        Assert.Null(await site.StoredAsync("importedlivefaq0000000001"));

        var forged = Item("importedforgedfaq00000001", "Imported approved?", published: false);
        forged[ReviewRecord.PartName] = new JsonObject { ["State"] = "Approved", ["ReviewedBy"] = "Dr Nobody" };
        await RunAsync(Importer, forged);
        Assert.Equal(ReviewRecord.None, await site.ReviewOfAsync("importedforgedfaq00000001"));

        var trusted = Item("importedtrustedfaq0000001", "Imported by the site?", published: true);
        await RunAsync(ContentUser.System, trusted);
        Assert.NotNull(await site.StoredAsync("importedtrustedfaq0000001", VersionOptions.Published));
    }

    [Fact]
    public async Task A_recipe_that_changes_an_approved_draft_sends_it_back_to_draft_and_cancels_its_scheduled_publish()
    {
        var id = await site.DraftFaqAsync("author-app", "Changed by a recipe?");
        using (var requested = await site.ReviewAsync("author-app", id, "Request"))
        using (var approved = await site.ReviewAsync("chief-app", id, "Approve"))
        {
            Assert.Equal(System.Net.HttpStatusCode.OK, approved.StatusCode);
        }
        var stored = (await site.StoredAsync(id))!;
        var item = ReviewSite.Faq("Changed by a recipe: unreviewed advice", id);
        item["ContentItemVersionId"] = stored.ContentItemVersionId;
        item["Latest"] = true;
        item["Published"] = false;
        item["PublishLaterPart"] = new JsonObject { ["ScheduledPublishUtc"] = DateTime.UtcNow.AddDays(1).ToString("O") };
        await RunAsync(ContentUser.System, item);

        var after = (await site.StoredAsync(id))!;
        Assert.Equal("Changed by a recipe: unreviewed advice", after.DisplayText);
        Assert.Equal(ReviewState.Draft, ReviewRecord.Of(after).State);
        Assert.Null(ClinicCms.Content.Scheduling.ScheduleParts.PublishUtc(after));
        Assert.NotNull(after.Part(ClinicCms.Content.Parts.PartNames.MedicalReviewPart)); // the last medical review stays, as after an edit
    }

    [Fact]
    public async Task An_export_leaves_review_comments_and_names_out()
    {
        var id = await site.DraftFaqAsync("author-app", "Is it exported with its review?");
        using (var requested = await site.ReviewAsync("author-app", id, "Request", "Secret note for the reviewer."))
        {
            requested.EnsureSuccessStatusCode();
        }
        Assert.Equal(ReviewState.InReview, (await site.ReviewOfAsync(id)).State);

        var text = await site.Site.App.InScopeAsync(async sp =>
        {
            using var output = new MemoryStream();
            await sp.GetRequiredService<RecipeExporter>().ExportAsync(output);
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        });

        Assert.Contains(id, text, StringComparison.Ordinal);
        Assert.DoesNotContain($"\"{ReviewRecord.PartName}\"", text, StringComparison.Ordinal); // the part, not MedicalReviewPart
        Assert.DoesNotContain("Secret note for the reviewer.", text, StringComparison.Ordinal);
    }

    private static JsonObject Item(string id, string question, bool published)
    {
        var item = ReviewSite.Faq(question, id);
        item["ContentItemVersionId"] = id + "v";
        item["Published"] = published;
        item["Latest"] = true;
        return item;
    }

    private Task<RecipeReport> RunAsync(ContentUser user, JsonObject item) => site.Site.App.InScopeAsync(sp =>
    {
        var recipe = new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = new JsonArray(item) }) };
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(recipe.ToJsonString()));
        return sp.GetRequiredService<RecipeExecutor>().RunAsync(RecipeReader.Read(stream, "import.recipe.json", Path.GetTempPath()), new RecipeRunOptions { User = user });
    });
}
