using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Queries;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Review;

/// <summary>
/// The medical review an approval writes (who, with their profile's credentials, when, when due again), shown in
/// GraphQL and kept through edits; the dashboard's review lists; the profile and interval settings refusing bad input.
/// </summary>
public sealed class MedicalReviewTests(ReviewSite site) : IClassFixture<ReviewSite>
{
    private const string ReviewerId = "4rreviewer00000000000000001";

    [Fact]
    public async Task An_approval_records_the_reviewers_byline_and_next_due_date_which_GraphQL_shows_once_published()
    {
        var id = await site.DraftFaqAsync("author-app", "How long does an infusion take?");
        Assert.Null((await site.StoredAsync(id))!.Part(PartNames.MedicalReviewPart));
        await RequestAsync(id);
        var before = DateTime.UtcNow;
        await ApproveAsReviewerAsync(id);

        var medical = (await site.StoredAsync(id))!.Get<MedicalReviewPart>(PartNames.MedicalReviewPart);
        Assert.Equal("Dr. Rita Reviewer, MD, psychiatrist", medical.ReviewedBy);
        Assert.InRange(medical.ReviewedUtc!.Value, before.AddSeconds(-1), DateTime.UtcNow.AddSeconds(1));
        Assert.Equal(medical.ReviewedUtc.Value.AddDays(365), medical.NextReviewDueUtc); // the clinic recipe's interval for FAQ

        using (var published = await PublishAsync("publisher-app", id))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        using var reader = site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")); // a frontend that reads published content
        var answer = await QueryAsync(reader, $$"""{ contentItem(contentItemId: "{{id}}") { ... on FAQ { medicalReview { reviewedBy reviewedUtc nextReviewDueUtc } } } }""");
        var shown = answer["data"]!["contentItem"]!["medicalReview"]!;
        Assert.Equal("Dr. Rita Reviewer, MD, psychiatrist", shown["reviewedBy"]!.GetValue<string>());
        Assert.Equal(medical.ReviewedUtc.Value, shown["reviewedUtc"]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromMilliseconds(1));
        Assert.Equal(medical.NextReviewDueUtc!.Value, shown["nextReviewDueUtc"]!.GetValue<DateTime>().ToUniversalTime(), TimeSpan.FromMilliseconds(1));

        // Never reviewed: null, not an empty object.
        var unreviewed = await QueryAsync(reader, "{ faq(where: { displayText_contains: \"ketamine\" }) { displayText medicalReview { reviewedBy } } }");
        Assert.All(unreviewed["data"]!["faq"]!.AsArray(), n => Assert.Null(n!["medicalReview"]));
    }

    [Fact]
    public async Task An_edit_keeps_the_last_medical_review_and_cannot_forge_one()
    {
        var id = await site.DraftFaqAsync("author-app", "Will I need a driver home?");
        await RequestAsync(id);
        await ApproveAsReviewerAsync(id);
        var approved = (await site.StoredAsync(id))!.Part(PartNames.MedicalReviewPart)!.ToJsonString();

        // The author's REST save carries a forged medical review: the stored one stays, the draft goes back to Draft.
        var edit = ReviewSite.Faq("Will I need a driver home afterwards?", id);
        edit[PartNames.MedicalReviewPart] = new JsonObject { ["ReviewedBy"] = "Dr. Forged", ["ReviewedUtc"] = "2020-01-01T00:00:00Z" };
        using (var author = await site.AsAsync("author-app"))
        using (var saved = await author.PostAsJsonAsync("/api/content?draft=true", edit))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        }
        var stored = (await site.StoredAsync(id))!;
        Assert.Equal("Will I need a driver home afterwards?", stored.DisplayText);
        Assert.Equal(ReviewState.Draft, ReviewRecord.Of(stored).State);
        Assert.Equal(approved, stored.Part(PartNames.MedicalReviewPart)!.ToJsonString());

        // A new item made with a forged medical review has none.
        var fresh = ReviewSite.Faq("Is a forged review kept?");
        fresh[PartNames.MedicalReviewPart] = new JsonObject { ["ReviewedBy"] = "Dr. Forged" };
        using var http = await site.AsAsync("author-app");
        using var created = await http.PostAsJsonAsync("/api/content?draft=true", fresh);
        var freshId = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["ContentItemId"]!.GetValue<string>();
        Assert.Null((await site.StoredAsync(freshId))!.Part(PartNames.MedicalReviewPart));
    }

    [Fact]
    public async Task The_dashboard_lists_drafts_in_review_with_changes_requested_and_reviews_coming_due()
    {
        var ct = TestContext.Current.CancellationToken;
        var waiting = await site.DraftFaqAsync("author-app", "Waiting <b>for</b> a reviewer?");
        await RequestAsync(waiting);
        var sentBack = await site.DraftFaqAsync("author-app", "Sent back to its author?");
        await RequestAsync(sentBack);
        using (var changes = await site.ReviewAsync("reviewer-app", sentBack, "RequestChanges", "Add the contraindications."))
        {
            Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        }

        using var reviewer = await site.Site.SignedInAsync("rreviewer", "Rreviewer-password-1");
        var page = await reviewer.GetStringAsync("/admin", ct);
        Assert.Contains($"/admin/content/{waiting}/preview\">Waiting &lt;b&gt;for&lt;/b&gt; a reviewer?", Section(page, "in-review"), StringComparison.Ordinal);
        Assert.DoesNotContain(sentBack, Section(page, "in-review"), StringComparison.Ordinal);
        Assert.Contains(sentBack, Section(page, "changes-requested"), StringComparison.Ordinal);
        Assert.Contains("Add the contraindications.", Section(page, "changes-requested"), StringComparison.Ordinal);

        // Approved and published, due in a year: not on the 30-day list, but found by the query a year on.
        await RequestAsync(waiting, force: false);
        await ApproveAsReviewerAsync(waiting);
        using (var published = await PublishAsync("publisher-app", waiting))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        page = await reviewer.GetStringAsync("/admin", ct);
        Assert.DoesNotContain(waiting, Section(page, "in-review"), StringComparison.Ordinal);
        Assert.DoesNotContain(waiting, Section(page, "review-due"), StringComparison.Ordinal);
        var due = (await site.StoredAsync(waiting, VersionOptions.Published))!.Get<MedicalReviewPart>(PartNames.MedicalReviewPart).NextReviewDueUtc!.Value;
        var lists = await site.Site.App.InScopeAsync(async sp =>
        {
            var reviews = sp.GetRequiredService<ReviewLists>();
            return (Before: await reviews.DueAsync(ContentVisibility.Everything, ["FAQ"], due.AddMinutes(-1), 50),
                At: await reviews.DueAsync(ContentVisibility.Everything, ["FAQ"], due, 50));
        });
        Assert.DoesNotContain(lists.Before.Items, i => i.ContentItemId == waiting);
        Assert.Contains(lists.At.Items, i => i.ContentItemId == waiting);

        // The type's interval set to 10 days on its admin page: the next approval is due within the dashboard's horizon.
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        Assert.Contains("The review interval is a number of days", await PostTypeSettingsAsync(admin, "0"), StringComparison.Ordinal);
        await PostTypeSettingsAsync(admin, "10");
        var soon = await site.DraftFaqAsync("author-app", "Due again soon?");
        await RequestAsync(soon);
        await ApproveAsReviewerAsync(soon);
        using (var published = await PublishAsync("publisher-app", soon))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }
        page = await reviewer.GetStringAsync("/admin", ct);
        Assert.Contains(soon, Section(page, "review-due"), StringComparison.Ordinal);
        Assert.Contains("Due soon", Section(page, "review-due"), StringComparison.Ordinal);
        await PostTypeSettingsAsync(admin, "365");
    }

    [Fact]
    public async Task A_review_that_fell_due_is_listed_as_overdue()
    {
        var id = await site.DraftFaqAsync("author-app", "Reviewed more than a year ago?");
        await RequestAsync(id);
        site.Clock.Offset = TimeSpan.FromDays(-400); // approved 400 days ago, on a 365-day interval: due 35 days ago
        try
        {
            await ApproveAsReviewerAsync(id);
        }
        finally
        {
            site.Clock.Offset = TimeSpan.Zero;
        }
        using (var published = await PublishAsync("publisher-app", id))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
        }

        using var reviewer = await site.Site.SignedInAsync("rreviewer", "Rreviewer-password-1");
        var due = Section(await reviewer.GetStringAsync("/admin", TestContext.Current.CancellationToken), "review-due");
        var row = due[due.IndexOf(id, StringComparison.Ordinal)..];
        Assert.Contains("Overdue", row[..row.IndexOf("</tr>", StringComparison.Ordinal)], StringComparison.Ordinal);
        var medical = (await site.StoredAsync(id, VersionOptions.Published))!.Get<MedicalReviewPart>(PartNames.MedicalReviewPart);
        Assert.True(medical.NextReviewDueUtc < DateTime.UtcNow.AddDays(-34), medical.NextReviewDueUtc?.ToString("O"));
    }

    [Fact]
    public async Task A_profile_with_markup_or_too_long_is_refused_and_a_new_byline_applies_to_the_next_approval()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        Assert.Contains("Display name: plain text", await PostProfileAsync(admin, "<script>alert(1)</script>", "MD"), StringComparison.Ordinal);
        Assert.Contains("Credentials: at most 200 characters", await PostProfileAsync(admin, "Dr. Rita Reviewer", new string('x', 201)), StringComparison.Ordinal);
        Assert.Contains("no direction overrides", await PostProfileAsync(admin, "Dr. Rita Reviewer", "MD\u202E evil"), StringComparison.Ordinal);
        var page = await admin.GetStringAsync($"/admin/users/{ReviewerId}", ct);
        Assert.Contains("value=\"Dr. Rita Reviewer\"", page, StringComparison.Ordinal); // nothing of the refused saves was kept
        Assert.Contains("value=\"MD, psychiatrist\"", page, StringComparison.Ordinal);

        await PostProfileAsync(admin, "Rita Reviewer", "DO, FAPA");
        var id = await site.DraftFaqAsync("author-app", "Who checked this answer?");
        await RequestAsync(id);
        await ApproveAsReviewerAsync(id);
        Assert.Equal("Rita Reviewer, DO, FAPA", (await site.StoredAsync(id))!.Get<MedicalReviewPart>(PartNames.MedicalReviewPart).ReviewedBy);
        await PostProfileAsync(admin, "Dr. Rita Reviewer", "MD, psychiatrist");
    }

    [Fact]
    public async Task An_approver_without_a_profile_is_named_only_by_a_plain_name_and_an_interval_out_of_range_sets_no_due_date()
    {
        var id = await site.DraftFaqAsync("author-app", "Who is this client?");
        await RequestAsync(id);
        var client = new ContentUser("import-client", "Dr. <img src=x onerror=alert(1)> House") { CanReview = true };
        var result = await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ReviewAsync(id, ReviewAction.Approve, null, client));
        Assert.True(result.Succeeded);
        Assert.Equal("import-client", (await site.StoredAsync(id))!.Get<MedicalReviewPart>(PartNames.MedicalReviewPart).ReviewedBy);

        var version = ContentService.New("FAQ");
        new MedicalApproval("Rita Reviewer", int.MaxValue).WriteTo(version, DateTime.UtcNow); // a recipe may set any number
        Assert.Null(version.Get<MedicalReviewPart>(PartNames.MedicalReviewPart).NextReviewDueUtc);
    }

    [Fact]
    public async Task A_reviewer_who_approves_by_scheduling_records_the_medical_review_and_leaves_the_in_review_list()
    {
        var id = await site.DraftFaqAsync("author-app", "Approved by a schedule?");
        await RequestAsync(id);
        static Task<ReviewList> InReviewAsync(IServiceProvider sp) =>
            sp.GetRequiredService<ReviewLists>().WaitingAsync(ContentVisibility.Everything, ["FAQ"], ReviewState.InReview, 500);
        Assert.Contains((await site.Site.App.InScopeAsync(InReviewAsync)).Items, i => i.ContentItemId == id);

        var reviewer = new ContentUser(ReviewerId, "rreviewer") { CanReview = true, CanPublish = true };
        var scheduled = await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ScheduleAsync(id, DateTime.UtcNow.AddDays(1), null, reviewer));
        Assert.True(scheduled.Succeeded, string.Join("; ", scheduled.Errors.Select(e => e.Message)));

        var stored = (await site.StoredAsync(id))!;
        Assert.Equal(ReviewState.Approved, ReviewRecord.Of(stored).State);
        Assert.Equal("Dr. Rita Reviewer, MD, psychiatrist", stored.Get<MedicalReviewPart>(PartNames.MedicalReviewPart).ReviewedBy);
        Assert.DoesNotContain((await site.Site.App.InScopeAsync(InReviewAsync)).Items, i => i.ContentItemId == id);
    }

    [Fact]
    public void Publishing_a_version_whose_archive_time_has_passed_drops_that_archive_so_it_does_not_fire_again()
    {
        var now = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc);
        var draft = ContentService.New("FAQ");
        ClinicCms.Content.Scheduling.ScheduleParts.SetArchive(draft, now.AddMinutes(-5));
        VersionTransitions.Publish(draft, published: null, new ContentUser("editor-id", "editor"), now);
        Assert.Null(ClinicCms.Content.Scheduling.ScheduleParts.ArchiveUtc(draft));

        var later = ContentService.New("FAQ");
        ClinicCms.Content.Scheduling.ScheduleParts.SetArchive(later, now.AddDays(3));
        VersionTransitions.Publish(later, published: null, new ContentUser("editor-id", "editor"), now);
        Assert.Equal(now.AddDays(3), ClinicCms.Content.Scheduling.ScheduleParts.ArchiveUtc(later)); // a future archive stays
    }

    private static async Task<string> PostProfileAsync(HttpClient admin, string displayName, string credentials)
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await admin.GetStringAsync($"/admin/users/{ReviewerId}", ct);
        using var response = await admin.PostAsync($"/admin/users/{ReviewerId}?handler=Save", new FormUrlEncodedContent(
        [
            new("email", "rreviewer@example.com"), new("roles", "Reviewer"), new("enabled", "true"),
            new("displayName", displayName), new("credentials", credentials),
            new("__RequestVerificationToken", SecuredSite.AntiforgeryToken(page)),
        ]), ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, response.StatusCode.ToString());
        return await response.Content.ReadAsStringAsync(ct);
    }

    private static async Task<string> PostTypeSettingsAsync(HttpClient admin, string days)
    {
        var ct = TestContext.Current.CancellationToken;
        var page = await admin.GetStringAsync("/admin/types/FAQ", ct);
        using var response = await admin.PostAsync("/admin/types/FAQ?handler=Settings", new FormUrlEncodedContent(
        [
            new("displayName", "FAQ"), new("creatable", "true"), new("listable", "true"), new("draftable", "true"),
            new("versionable", "true"), new("securable", "true"), new("requiresReview", "true"), new("reviewIntervalDays", days),
            new("__RequestVerificationToken", SecuredSite.AntiforgeryToken(page)),
        ]), ct);
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, response.StatusCode.ToString());
        var shown = response.StatusCode == HttpStatusCode.Redirect ? await admin.GetStringAsync("/admin/types/FAQ", ct) : await response.Content.ReadAsStringAsync(ct);
        return shown;
    }

    // The reviewer signed in as a user (who has a profile), approving on the draft's preview page as shown.
    private async Task ApproveAsReviewerAsync(string id)
    {
        var user = new ContentUser(ReviewerId, "rreviewer") { CanReview = true };
        var result = await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ReviewAsync(id, ReviewAction.Approve, null, user));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
    }

    private async Task RequestAsync(string id, bool force = true)
    {
        using var requested = await site.ReviewAsync("author-app", id, "Request");
        if (force)
        {
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        }
    }

    private async Task<HttpResponseMessage> PublishAsync(string clientId, string id)
    {
        using var http = await site.AsAsync(clientId);
        return await http.PostAsJsonAsync("/api/content", new JsonObject { ["ContentItemId"] = id });
    }

    private static string Section(string page, string id)
    {
        var start = page.IndexOf($"aria-labelledby=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"no section {id} on the dashboard");
        var end = page.IndexOf("</section>", start, StringComparison.Ordinal);
        return page[start..end];
    }

    private static async Task<JsonObject> QueryAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.StatusCode == HttpStatusCode.OK && body!["errors"] is null, body?.ToJsonString());
        return body!;
    }
}
