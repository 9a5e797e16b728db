using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Review;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// Review before publish as editors live it, in a real browser: an author, a reviewer who may not edit, and an editor
/// who may not review take an article from draft to published, and the published article names its medical reviewer.
/// </summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class ReviewWorkflowBrowserTests(ReviewWorkflowBrowserTests.Site shared) : IClassFixture<ReviewWorkflowBrowserTests.Site>
{
    /// <summary>The clinic site with the review tests' users: rauthor (Author), rreviewer (Reviewer, with a profile), reditor (Editor).</summary>
    public sealed class Site(Chromium chromium) : SharedBrowserSite(chromium)
    {
        protected override async Task<BrowserSite> StartAsync()
        {
            var site = await BrowserSite.StartAsync(Chromium);
            await site.Site.App.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Review", "Files", "review.recipe.json"));
            return site;
        }
    }

    private const string Title = "What should I eat before an infusion?";

    [Fact]
    public async Task Author_requests_reviewer_asks_changes_author_edits_reviewer_approves_editor_publishes()
    {
        var site = await shared.SiteAsync();

        // The author writes a draft; publishing it unreviewed is refused with the reason.
        var author = await site.SignInAsync("rauthor", "Rauthor-password-1");
        await author.GotoAsync("/admin/content/new/Article");
        await author.GetByLabel("Title *").FillAsync(Title);
        await author.GetByLabel("Subtitle").FillAsync("Light meals and clear fluids");
        await author.GetByLabel("Summary *").FillAsync("What to eat and drink on the day of a ketamine infusion.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        var edit = author.Url;
        await author.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(author.GetByText("publishing this Article needs an approved review")).ToBeVisibleAsync();
        await author.GotoAsync(edit);
        await author.GetByLabel("Comment").FillAsync("Ready for a medical check.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Request review" }).ClickAsync();
        await Assertions.Expect(author.Locator(".review .badge")).ToHaveTextAsync("In review");

        // The reviewer finds it on the dashboard and asks for changes on the draft's preview.
        var reviewer = await site.SignInAsync("rreviewer", "Rreviewer-password-1");
        var waiting = reviewer.Locator("section[aria-labelledby=in-review]");
        await Assertions.Expect(waiting.GetByRole(AriaRole.Link, new() { Name = Title })).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(reviewer, "dashboard-review-lists");
        await waiting.GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await reviewer.GetByLabel("Comment").FillAsync("Say how many hours before to stop eating.");
        await BrowserSite.ScreenshotAsync(reviewer, "preview-review");
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Request changes" }).ClickAsync();
        await reviewer.GotoAsync("/admin");
        await Assertions.Expect(reviewer.Locator("section[aria-labelledby=changes-requested]").GetByText("Say how many hours before to stop eating.")).ToBeVisibleAsync();

        // The author reads the comment, edits, and asks again.
        await author.GotoAsync(edit);
        await Assertions.Expect(author.Locator(".review .badge")).ToHaveTextAsync("Changes requested");
        await Assertions.Expect(author.GetByText("Say how many hours before to stop eating.")).ToBeVisibleAsync();
        await author.GetByLabel("Subtitle").FillAsync("Stop eating six hours before; clear fluids until two hours before");
        await author.GetByRole(AriaRole.Textbox, new() { Name = "Body", Exact = true }).FillAsync("Stop eating six hours before your infusion.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(author.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        await author.GetByRole(AriaRole.Button, new() { Name = "Request review" }).ClickAsync();
        await Assertions.Expect(author.Locator(".review .badge")).ToHaveTextAsync("In review");
        await BrowserSite.ScreenshotAsync(author, "edit-review");

        // The reviewer approves what the preview shows.
        await reviewer.GotoAsync("/admin");
        await reviewer.Locator("section[aria-labelledby=in-review]").GetByRole(AriaRole.Link, new() { Name = Title }).ClickAsync();
        await Assertions.Expect(reviewer.GetByText("Stop eating six hours before your infusion.")).ToBeVisibleAsync();
        await reviewer.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        // The editor, who may not review, publishes the approved draft.
        var editor = await site.SignInAsync("reditor", "Reditor-password-1");
        await editor.GotoAsync(edit);
        await Assertions.Expect(editor.Locator(".review .badge")).ToHaveTextAsync("Approved");
        await Assertions.Expect(editor.Locator(".medical-review")).ToContainTextAsync("Dr. Rita Reviewer, MD, psychiatrist");
        await editor.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");

        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        var found = await graphql.DataAsync($$"""{ article(where: { displayText: "{{Title}}" }) { subtitle medicalReview { reviewedBy reviewedUtc nextReviewDueUtc } } }""");
        var article = found["article"]![0]!;
        Assert.Equal("Stop eating six hours before; clear fluids until two hours before", article["subtitle"]!.GetValue<string>());
        Assert.Equal("Dr. Rita Reviewer, MD, psychiatrist", article["medicalReview"]!["reviewedBy"]!.GetValue<string>());
        var reviewed = article["medicalReview"]!["reviewedUtc"]!.GetValue<DateTime>();
        Assert.Equal(reviewed.AddDays(365), article["medicalReview"]!["nextReviewDueUtc"]!.GetValue<DateTime>());

        // The administrator reads the whole story in the audit trail, and the reviewer's profile behind the byline.
        var admin = await site.SignInAsync("admin", ClinicCms.Tests.TestHost.ClinicCmsApp.AdminPassword);
        await admin.GotoAsync("/admin/audit?category=content");
        foreach (var step in new[] { "review-requested", "changes-requested", "review-approved", "published" })
        {
            await Assertions.Expect(admin.Locator("td", new() { HasText = step }).First).ToBeVisibleAsync();
        }
        await BrowserSite.ScreenshotAsync(admin, "audit");
        await admin.GotoAsync("/admin/users/4rreviewer00000000000000001");
        await Assertions.Expect(admin.GetByLabel("Display name")).ToHaveValueAsync("Dr. Rita Reviewer");
        await Assertions.Expect(admin.GetByLabel("Credentials")).ToHaveValueAsync("MD, psychiatrist");
        await BrowserSite.ScreenshotAsync(admin, "user-profile");
    }

    [Fact]
    public async Task An_unapproved_publish_is_refused_through_REST_and_keeps_nothing()
    {
        var site = await shared.SiteAsync();
        using var author = site.Site.WithToken(await site.Site.TokenAsync("author-app", "Author-app-secret-1"));
        using var response = await author.PostAsJsonAsync("/api/content", ReviewSite.Faq("Published without a review?"));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("needs an approved review", (await response.Content.ReadFromJsonAsync<JsonObject>())!.ToJsonString(), StringComparison.Ordinal);
        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        Assert.Empty((await graphql.DataAsync("{ faq(where: { displayText: \"Published without a review?\" }) { displayText } }"))["faq"]!.AsArray());
    }
}
