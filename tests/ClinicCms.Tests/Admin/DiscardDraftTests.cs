using System.Net;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// "Discard draft" in the editor: over a published version it is an edit (the draft stays in the history); an item
/// with no published version would be gone, so that takes the right to delete it.
/// </summary>
// A site of its own: the shared admin site's sign-ins reach the sign-in rate limit.
public sealed class DiscardDraftTests(SharedSecuredSite shared) : IClassFixture<SharedSecuredSite>
{
    [Fact]
    public async Task A_contributor_discards_a_draft_over_the_published_version_but_cannot_remove_an_unpublished_item()
    {
        var site = shared.Site;
        var ct = TestContext.Current.CancellationToken;
        var contrib = await site.App.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync("contrib"))!.Id);
        var writer = new ContentUser(contrib, "contrib");
        var neverPublished = await CreateAsync("Contributor's first draft?", publish: false, writer);
        var published = await CreateAsync("Contributor's published answer?", publish: true, writer);
        var edited = (await ReadAsync(published, VersionOptions.Latest))!;
        edited.Part("TitlePart")!["Title"] = "Contributor's published answer, edited?";
        Assert.True((await site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().SaveDraftAsync(edited, writer))).Succeeded);
        using var contributor = await site.SignedInAsync("contrib", "Contrib-password-1");

        async Task<string> DiscardAsync(HttpClient http, string id)
        {
            var page = await http.GetStringAsync($"/admin/content/{id}/edit", ct);
            using var posted = await http.PostAsync($"/admin/content/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["action"] = "discard",
                ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
            }), ct);
            Assert.Equal(HttpStatusCode.Redirect, posted.StatusCode);
            return await http.GetStringAsync(posted.Headers.Location!.OriginalString, ct);
        }

        var refused = await DiscardAsync(contributor, neverPublished);
        Assert.Contains("discarding its only draft would delete it", refused, StringComparison.Ordinal);
        Assert.NotNull(await ReadAsync(neverPublished, VersionOptions.Latest));

        await DiscardAsync(contributor, published);
        var latest = (await ReadAsync(published, VersionOptions.Latest))!;
        Assert.True(latest.Published);
        Assert.Equal("Contributor's published answer?", latest.DisplayText);

        // Whoever may delete the item may discard its only draft, and so remove it.
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        await DiscardAsync(admin, neverPublished);
        Assert.Null(await ReadAsync(neverPublished, VersionOptions.Latest));
    }

    private async Task<string> CreateAsync(string question, bool publish, ContentUser owner)
    {
        var item = ContentItemJson.FromJson((JsonObject)JsonNode.Parse($$"""
            { "ContentType": "FAQ", "TitlePart": { "Title": "{{question}}" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 30 } } }
            """)!);
        var result = await shared.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(item, publish: false, owner));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        var id = result.Item!.ContentItemId;
        if (publish)
        {
            // By the system, which may publish without a review (a Contributor may not publish at all).
            Assert.True((await shared.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().PublishAsync(id, ContentUser.System))).Succeeded);
        }
        return id;
    }

    private Task<ContentItem?> ReadAsync(string id, VersionOptions options) =>
        shared.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().GetAsync(id, options));
}
