using System.Net;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Review;

/// <summary>Review before publish in the admin's edit page, signed in with real cookies: the state, the buttons, a refused publish.</summary>
public sealed class ReviewAdminTests(ReviewSite site) : IClassFixture<ReviewSite>
{
    private const string AuthorId = "4rauthor000000000000000001";

    [Fact]
    public async Task A_reviewer_who_may_not_edit_approves_on_the_preview_of_the_draft_as_shown()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await DraftOwnedByAuthorAsync("How soon do I feel better?");
        await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ReviewAsync(id, ReviewAction.Request, null, new ContentUser(AuthorId, "rauthor")));
        using var reviewer = await site.Site.SignedInAsync("rreviewer", "Rreviewer-password-1");
        using (var edit = await reviewer.GetAsync($"/admin/content/{id}/edit", ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode); // a reviewer reads, never edits
        }
        var page = await reviewer.GetStringAsync($"/admin/content/{id}/preview", ct);
        Assert.Contains("value=\"approve\"", page, StringComparison.Ordinal);
        var shown = StampOf(page);

        // The author changes the draft after the reviewer opened it: the approval of what was shown is refused.
        var edited = (await site.StoredAsync(id))!;
        edited.Part("TitlePart")!["Title"] = "How soon do I feel better, really?";
        await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().SaveDraftAsync(edited, new ContentUser(AuthorId, "rauthor")));
        await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ReviewAsync(id, ReviewAction.Request, null, new ContentUser(AuthorId, "rauthor")));
        Task<HttpResponseMessage> Approve(string stamp) => reviewer.PostAsync($"/admin/content/{id}/preview", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "approve",
            ["baseStamp"] = stamp,
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
        }), ct);
        using (var stale = await Approve(shown))
        {
            Assert.Equal(HttpStatusCode.Redirect, stale.StatusCode);
        }
        Assert.Equal(ReviewState.InReview, (await site.ReviewOfAsync(id)).State);

        var fresh = await reviewer.GetStringAsync($"/admin/content/{id}/preview", ct);
        Assert.Contains("How soon do I feel better, really?", fresh, StringComparison.Ordinal);
        using (var approved = await Approve(StampOf(fresh)))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }
        var review = await site.ReviewOfAsync(id);
        Assert.Equal(ReviewState.Approved, review.State);
        Assert.Equal("rreviewer", review.ReviewedBy);
    }

    private static string StampOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "name=\"baseStamp\" value=\"([^\"]*)\"").Groups[1].Value;

    [Fact]
    public async Task The_edit_page_shows_the_review_refuses_an_unapproved_publish_and_offers_each_user_their_steps()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await DraftOwnedByAuthorAsync("Can I eat before an infusion?");
        using var author = await site.Site.SignedInAsync("rauthor", "Rauthor-password-1");
        var page = await author.GetStringAsync($"/admin/content/{id}/edit", ct);
        Assert.Contains("Not yet reviewed", page, StringComparison.Ordinal);
        Assert.Contains("value=\"request-review\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"approve\"", page, StringComparison.Ordinal);

        // Publish from the form: refused with the reason, the edit shown again, nothing saved.
        var values = BadInputTests.FormValues(page);
        values["TitlePart.Title"] = "Can I eat before an infusion? Edited";
        values["action"] = "publish";
        using (var refused = await author.PostAsync($"/admin/content/{id}/edit", new FormUrlEncodedContent(values), ct))
        {
            var body = await refused.Content.ReadAsStringAsync(ct);
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            Assert.Contains("needs an approved review", body, StringComparison.Ordinal);
        }
        var stored = await site.StoredAsync(id);
        Assert.Equal("Can I eat before an infusion?", stored!.DisplayText);
        Assert.False(stored.Published);

        // The author requests a review with the page's own form.
        using (var requested = await author.PostAsync($"/admin/content/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "request-review",
            ["comment"] = "Ready <b>now</b>",
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
        }), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        }
        Assert.Equal(ReviewState.Draft, (await site.ReviewOfAsync(id)).State); // markup in the comment is refused
        using (var requested = await author.PostAsync($"/admin/content/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "request-review",
            ["comment"] = "Ready now",
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
        }), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, requested.StatusCode);
        }
        Assert.Equal(ReviewState.InReview, (await site.ReviewOfAsync(id)).State);

        // An editor who may not review sees no review buttons, and a forged approval is refused.
        using var editor = await site.Site.SignedInAsync("reditor", "Reditor-password-1");
        var editorPage = await editor.GetStringAsync($"/admin/content/{id}/edit", ct);
        Assert.Contains("In review", editorPage, StringComparison.Ordinal);
        Assert.DoesNotContain("value=\"approve\"", editorPage, StringComparison.Ordinal);
        using (var forged = await editor.PostAsync($"/admin/content/{id}/edit", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["action"] = "approve",
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(editorPage),
        }), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, forged.StatusCode);
        }
        Assert.Equal(ReviewState.InReview, (await site.ReviewOfAsync(id)).State);

        // The administrator may review: approves, and the editor then publishes from the form.
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var adminPage = await admin.GetStringAsync($"/admin/content/{id}/edit", ct);
        Assert.Contains("value=\"approve\"", adminPage, StringComparison.Ordinal);
        Task<HttpResponseMessage> Approve(Dictionary<string, string> form) => admin.PostAsync($"/admin/content/{id}/edit", new FormUrlEncodedContent(form), ct);
        // A form without the stamp of the draft shown approves nothing: that draft may have changed since.
        using (var unseen = await Approve(new() { ["action"] = "approve", ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(adminPage) }))
        {
            Assert.Equal(HttpStatusCode.Redirect, unseen.StatusCode);
        }
        Assert.Equal(ReviewState.InReview, (await site.ReviewOfAsync(id)).State);
        using (var approved = await Approve(new()
        {
            ["action"] = "approve",
            ["baseStamp"] = StampOf(adminPage),
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(adminPage),
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, approved.StatusCode);
        }
        Assert.Equal(ReviewState.Approved, (await site.ReviewOfAsync(id)).State);
        var publishForm = BadInputTests.FormValues(await editor.GetStringAsync($"/admin/content/{id}/edit", ct));
        publishForm["action"] = "publish";
        using (var published = await editor.PostAsync($"/admin/content/{id}/edit", new FormUrlEncodedContent(publishForm), ct))
        {
            Assert.True(published.StatusCode == HttpStatusCode.Redirect, await published.Content.ReadAsStringAsync(ct));
        }
        Assert.NotNull(await site.StoredAsync(id, VersionOptions.Published));
    }

    [Fact]
    public async Task Bulk_publish_publishes_approved_drafts_only_and_approves_nothing_unseen()
    {
        var ct = TestContext.Current.CancellationToken;
        var inReview = await DraftOwnedByAuthorAsync("Can I drive home after an infusion?");
        await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ReviewAsync(inReview, ReviewAction.Request, null, new ContentUser(AuthorId, "rauthor")));
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var token = SecuredSite.AntiforgeryToken(await admin.GetStringAsync("/admin/content", ct));

        using (var bulk = await admin.PostAsync("/admin/content?handler=Bulk", new FormUrlEncodedContent(
            [new("action", "Publish"), new("__RequestVerificationToken", token), new("ids", inReview)]), ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, bulk.StatusCode);
        }
        Assert.Null(await site.StoredAsync(inReview, VersionOptions.Published));
        Assert.Equal(ReviewState.InReview, (await site.ReviewOfAsync(inReview)).State);
        Assert.Contains("needs an approved review", await admin.GetStringAsync("/admin/content", ct), StringComparison.Ordinal);
    }

    private async Task<string> DraftOwnedByAuthorAsync(string question)
    {
        var item = ContentItemJson.FromJson(ReviewSite.Faq(question));
        var result = await site.Site.App.InScopeAsync(sp =>
            sp.GetRequiredService<ContentService>().CreateAsync(item, publish: false, new ContentUser(AuthorId, "rauthor")));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Item!.ContentItemId;
    }
}
