using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Scheduling;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.Review;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Scheduling;

/// <summary>Publish later and archive later through the REST API, fired by the site's own scheduler once its clock passes the time.</summary>
public sealed class ScheduledPublishingTests(ScheduleSite site) : IClassFixture<ScheduleSite>
{
    [Fact]
    public async Task A_scheduled_publish_fires_once_the_clock_passes_its_time_and_GraphQL_then_shows_the_item()
    {
        var at = site.In(5);
        // The chief editor may review: scheduling the publish approves the draft, as publishing would.
        var id = await site.DraftFaqAsync("chief-app", "Scheduled: when do results show?", at);
        var draft = await site.StoredAsync(id);
        Assert.Equal(at, ScheduleParts.PublishUtc(draft!));
        Assert.Equal(ReviewState.Approved, ReviewRecord.Of(draft!).State);

        Assert.DoesNotContain(await site.RunSchedulerAsync(), r => r.Due.ContentItemId == id); // not due yet
        Assert.Empty(await site.PublishedFaqTitlesAsync("Scheduled: when do results show?"));

        site.Clock.Advance(TimeSpan.FromMinutes(6));

        // The site's own scheduler, every second, publishes it: no call from the test.
        Assert.True(await Until(async () => (await site.PublishedFaqTitlesAsync("Scheduled: when do results show?")).Count == 1));
        var versions = await site.VersionsAsync(id);
        var published = Assert.Single(versions, v => v.Published);
        Assert.Single(versions); // published in place: no second version
        Assert.Null(ScheduleParts.PublishUtc(published)); // done, so cleared, as Orchard's handler does
        Assert.Equal(draft!.Author, published.Author); // the scheduler publishes the editor's version as theirs
        Assert.NotEqual(ContentService.Scheduler.Name, published.Author);
    }

    [Fact]
    public async Task One_check_finds_what_falls_due_before_the_next_and_publishes_it_at_its_time_not_before()
    {
        var at = site.In(0.1);
        var id = await site.DraftFaqAsync("chief-app", "Scheduled: due within the minute?", at);

        var runs = await site.App.Services.GetRequiredService<ClinicCms.Web.Scheduling.PublishScheduler>()
            .RunOnceAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);

        // Listed by this one check before its time; the site's own loop may still be the one that claims it at the time.
        var run = Assert.Single(runs, r => r.Due.ContentItemId == id);
        Assert.True(run.Outcome is ScheduledOutcome.Published or ScheduledOutcome.NotClaimed, run.Outcome.ToString());
        Assert.True(await Until(async () => await site.StoredAsync(id, VersionOptions.Published) is not null));
        var published = await site.StoredAsync(id, VersionOptions.Published);
        Assert.NotNull(published);
        Assert.True(published.PublishedUtc >= at, $"published {published.PublishedUtc:O}, due {at:O}");
    }

    [Fact]
    public async Task Archive_later_unpublishes_the_published_version_at_its_time()
    {
        var faq = ReviewSite.Faq("Scheduled: is this offer still on?");
        faq["ArchiveLaterPart"] = ScheduleSite.ArchiveLater(site.Clock.UtcNow.AddMinutes(5));
        using var posted = await site.PostAsync("chief-app", faq, publish: true);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["ContentItemId"]!.GetValue<string>();
        Assert.Single(await site.PublishedFaqTitlesAsync("Scheduled: is this offer still on?"));

        site.Clock.Advance(TimeSpan.FromMinutes(6));

        Assert.True(await Until(async () => (await site.PublishedFaqTitlesAsync("Scheduled: is this offer still on?")).Count == 0));
        Assert.Null(await site.StoredAsync(id, VersionOptions.Published));
        var latest = await site.StoredAsync(id);
        Assert.NotNull(latest);
        Assert.Null(ScheduleParts.ArchiveUtc(latest)); // done
    }

    [Fact]
    public async Task A_schedule_given_with_an_offset_is_stored_in_UTC()
    {
        var at = new DateTimeOffset(site.Clock.UtcNow.AddDays(2).Date.AddHours(8), TimeSpan.Zero);
        var faq = ReviewSite.Faq("Scheduled: given in local time?");
        faq["PublishLaterPart"] = new JsonObject { ["ScheduledPublishUtc"] = at.ToOffset(TimeSpan.FromHours(2)).ToString("yyyy-MM-ddTHH:mm:sszzz") };
        faq["ArchiveLaterPart"] = new JsonObject { ["ScheduledArchiveUtc"] = at.AddDays(1).ToOffset(TimeSpan.FromHours(-5)).ToString("yyyy-MM-ddTHH:mm:sszzz") };
        using var posted = await site.PostAsync("chief-app", faq, publish: false);
        Assert.Equal(HttpStatusCode.OK, posted.StatusCode);
        var id = (await posted.Content.ReadFromJsonAsync<JsonObject>())!["ContentItemId"]!.GetValue<string>();

        var stored = (await site.StoredAsync(id))!;
        Assert.Equal(at.ToString("yyyy-MM-ddTHH:mm:ssZ"), stored.Parts["PublishLaterPart"]!["ScheduledPublishUtc"]!.GetValue<string>());
        Assert.Equal(at.AddDays(1).ToString("yyyy-MM-ddTHH:mm:ssZ"), stored.Parts["ArchiveLaterPart"]!["ScheduledArchiveUtc"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_schedule_in_the_past_or_not_a_date_is_400_naming_it_and_changes_nothing()
    {
        var id = await site.DraftFaqAsync("chief-app", "Scheduled: past?");
        var before = await site.StoredAsync(id);
        var cases = new (JsonObject Part, string Name, string Expected)[]
        {
            (ScheduleSite.PublishLater(site.Clock.UtcNow.AddMinutes(-1)), "PublishLaterPart", "in the past"),
            (ScheduleSite.ArchiveLater(site.Clock.UtcNow.AddDays(-3)), "ArchiveLaterPart", "in the past"),
            (new JsonObject { ["ScheduledPublishUtc"] = "next tuesday <script>" }, "PublishLaterPart", "expected a date and time"),
            (new JsonObject { ["ScheduledPublishUtc"] = 12 }, "PublishLaterPart", "expected a string"),
        };
        foreach (var (part, name, expected) in cases)
        {
            var faq = ReviewSite.Faq("Scheduled: past?", id);
            faq[name] = part;
            using var response = await site.PostAsync("chief-app", faq);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains(name, problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains(expected, problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var faqBoth = ReviewSite.Faq("Scheduled: past?", id);
        faqBoth["PublishLaterPart"] = ScheduleSite.PublishLater(site.Clock.UtcNow.AddDays(2));
        faqBoth["ArchiveLaterPart"] = ScheduleSite.ArchiveLater(site.Clock.UtcNow.AddDays(1));
        using (var backwards = await site.PostAsync("chief-app", faqBoth))
        {
            Assert.Equal(HttpStatusCode.BadRequest, backwards.StatusCode);
            Assert.Contains("must come after the publish time", await backwards.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var after = await site.StoredAsync(id);
        Assert.Equal(before!.ConcurrencyStamp, after!.ConcurrencyStamp);
    }

    [Fact]
    public async Task An_unapproved_item_of_a_type_that_requires_review_cannot_be_scheduled()
    {
        var id = await site.DraftFaqAsync("author-app", "Scheduled: unapproved?");
        var before = await site.StoredAsync(id);
        foreach (var client in new[] { "author-app", "publisher-app" }) // neither may review
        {
            var faq = ReviewSite.Faq("Scheduled: unapproved?", id);
            faq["PublishLaterPart"] = ScheduleSite.PublishLater(site.Clock.UtcNow.AddHours(1));
            using var response = await site.PostAsync(client, faq);
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("Scheduling a publish", problem!["detail"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Contains("approved review", problem["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var after = await site.StoredAsync(id);
        Assert.Equal(before!.ConcurrencyStamp, after!.ConcurrencyStamp);
        Assert.Null(ScheduleParts.PublishUtc(after));
    }

    [Fact]
    public async Task An_approved_draft_edited_after_it_was_scheduled_is_not_published_by_the_scheduler()
    {
        var id = await site.DraftFaqAsync("author-app", "Scheduled: approved then edited?");
        (await ReviewAsync("author-app", id, "Request")).EnsureSuccessStatusCode();
        (await ReviewAsync("reviewer-app", id, "Approve")).EnsureSuccessStatusCode();

        // The publisher schedules the approved draft: a schedule is not content, so it stays approved.
        var scheduled = ReviewSite.Faq("Scheduled: approved then edited?", id);
        scheduled["PublishLaterPart"] = ScheduleSite.PublishLater(site.Clock.UtcNow.AddMinutes(5));
        using (var response = await site.PostAsync("publisher-app", scheduled))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.NotNull(ScheduleParts.PublishUtc((await site.StoredAsync(id))!));

        // The author then edits it: back to draft, and the scheduled publish goes with the approval.
        using (var edited = await site.PostAsync("author-app", ReviewSite.Faq("Scheduled: approved then edited? Now with a new claim", id)))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }
        var draft = await site.StoredAsync(id);
        Assert.Equal(ReviewState.Draft, ReviewRecord.Of(draft!).State);
        Assert.Null(ScheduleParts.PublishUtc(draft!));

        site.Clock.Advance(TimeSpan.FromMinutes(6));
        await site.RunSchedulerAsync();

        Assert.Null(await site.StoredAsync(id, VersionOptions.Published));
        Assert.Empty(await site.PublishedFaqTitlesAsync("approved then edited"));
    }

    [Fact]
    public async Task Anonymous_and_lowest_role_callers_cannot_schedule()
    {
        var id = await site.DraftFaqAsync("chief-app", "Scheduled: by whom?");
        var faq = ReviewSite.Faq("Scheduled: by whom?", id);
        faq["PublishLaterPart"] = ScheduleSite.PublishLater(site.Clock.UtcNow.AddHours(1));

        using (var anonymous = site.Site.Anonymous())
        using (var response = await anonymous.PostAsJsonAsync("/api/content?draft=true", faq))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
        using (var response = await site.PostAsync("reader-app", faq))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }
        Assert.Null(ScheduleParts.PublishUtc((await site.StoredAsync(id))!));
    }

    [Fact]
    public async Task A_writer_who_may_edit_but_not_publish_cannot_schedule_an_approved_draft_through_a_save()
    {
        var id = await site.DraftFaqAsync("contrib-app", "Scheduled by a contributor?");
        using (var requested = await PostReviewAsync("contrib-app", id, "Request"))
        {
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        }
        using (var approved = await PostReviewAsync("reviewer-app", id, "Approve", (await site.StoredAsync(id))!.ConcurrencyStamp))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
        var faq = new JsonObject { ["ContentItemId"] = id, ["ContentType"] = "FAQ", ["PublishLaterPart"] = ScheduleSite.PublishLater(site.In(5)) };
        using (var response = await site.PostAsync("contrib-app", faq))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("needs the right to publish this item", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var stored = (await site.StoredAsync(id))!;
        Assert.Null(ScheduleParts.PublishUtc(stored));
        Assert.Equal(ReviewState.Approved, ReviewRecord.Of(stored).State);
    }

    private async Task<HttpResponseMessage> PostReviewAsync(string clientId, string id, string action, string? stamp = null)
    {
        using var http = await site.AsAsync(clientId);
        return await http.PostAsJsonAsync($"/api/content/{id}/review", new { Action = action, ConcurrencyStamp = stamp });
    }

    [Fact]
    public async Task The_scheduler_never_publishes_an_unapproved_draft_it_finds_due_and_cancels_its_schedule()
    {
        // A recipe may bring a schedule on a draft nobody approved: the scheduler, who may not review, refuses it.
        const string Id = "importedscheduledfaq00001";
        var faq = ReviewSite.Faq("Scheduled: imported unapproved?", Id);
        (faq["ContentItemVersionId"], faq["Latest"], faq["Published"]) = (Id + "v", true, false);
        faq["PublishLaterPart"] = ScheduleSite.PublishLater(site.In(1));
        var recipe = new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = new JsonArray(faq) }) };
        await site.App.RunRecipeTextAsync(recipe.ToJsonString(), "due.recipe.json");

        site.Clock.Advance(TimeSpan.FromMinutes(2));
        var runs = await site.RunSchedulerAsync();

        // Whichever check got there first (this one or the site's own loop) cancelled it.
        Assert.True(await Until(async () => ScheduleParts.PublishUtc((await site.StoredAsync(Id))!) is null));
        Assert.DoesNotContain(runs, r => r.Due.ContentItemId == Id && r.Outcome == ScheduledOutcome.Published);
        Assert.Null(await site.StoredAsync(Id, VersionOptions.Published));
        Assert.Equal(ReviewState.Draft, ReviewRecord.Of((await site.StoredAsync(Id))!).State);
    }

    [Fact]
    public async Task A_REST_body_with_a_null_time_cancels_the_schedule()
    {
        var id = await site.DraftFaqAsync("chief-app", "Scheduled: cancelled?", site.In(20));
        var faq = ReviewSite.Faq("Scheduled: cancelled?", id);
        faq["PublishLaterPart"] = ScheduleSite.PublishLater(null);
        using (var response = await site.PostAsync("chief-app", faq))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        Assert.Null(ScheduleParts.PublishUtc((await site.StoredAsync(id))!));

        site.Clock.Advance(TimeSpan.FromMinutes(21));
        Assert.DoesNotContain(await site.RunSchedulerAsync(), r => r.Due.ContentItemId == id);
        Assert.Null(await site.StoredAsync(id, VersionOptions.Published));
    }

    [Fact]
    public async Task A_clone_of_a_scheduled_draft_starts_unscheduled_and_unreviewed()
    {
        var id = await site.DraftFaqAsync("chief-app", "Scheduled: cloned?", site.In(30));
        var clone = await site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CloneAsync(id, new ContentUser("author-id", "author")));

        Assert.True(clone.Succeeded, string.Join(" ", clone.Errors));
        Assert.Null(ScheduleParts.PublishUtc(clone.Item!));
        Assert.NotNull(ScheduleParts.PublishUtc((await site.StoredAsync(id))!)); // the source keeps its own
    }

    private async Task<HttpResponseMessage> ReviewAsync(string clientId, string id, string action)
    {
        using var http = await site.AsAsync(clientId);
        var stamp = action == "Approve" ? (await site.StoredAsync(id))!.ConcurrencyStamp : null;
        return await http.PostAsJsonAsync($"/api/content/{id}/review", new { Action = action, ConcurrencyStamp = stamp });
    }

    /// <summary>Asks again until <paramref name="done"/> or 30 s: the scheduler runs on its own interval.</summary>
    public static async Task<bool> Until(Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await done())
        {
            if (DateTime.UtcNow > deadline)
            {
                return false;
            }
            await Task.Delay(100);
        }
        return true;
    }
}
