using System.Net;
using ClinicCms.Content.Scheduling;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Scheduling;

/// <summary>The edit page's Publish later / Archive later inputs and the content list's "scheduled", signed in for real.</summary>
public sealed class ScheduleAdminTests(ScheduleSite site) : IClassFixture<ScheduleSite>
{
    [Fact]
    public async Task An_editor_schedules_a_publish_on_the_edit_page_sees_it_in_the_list_and_cancels_it()
    {
        var id = await site.DraftFaqAsync("chief-app", "Admin scheduled: fasting before an infusion?");
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("Publish later (UTC)", page, StringComparison.Ordinal);
        Assert.Contains("Archive later (UTC)", page, StringComparison.Ordinal);

        var at = site.In(90);
        // Scheduling approves the draft the form showed, so a form without its stamp schedules nothing.
        using (var unseen = await PostAsync(admin, id, page, "schedule", at.ToString("yyyy-MM-ddTHH:mm"), withStamp: false))
        {
            Assert.Equal(HttpStatusCode.Conflict, unseen.StatusCode);
        }
        Assert.Null(ScheduleParts.PublishUtc((await site.StoredAsync(id))!));
        using (var scheduled = await PostAsync(admin, id, page, "schedule", at.ToString("yyyy-MM-ddTHH:mm")))
        {
            Assert.Equal(HttpStatusCode.Redirect, scheduled.StatusCode);
        }
        Assert.Equal(at.AddSeconds(-at.Second), ScheduleParts.PublishUtc((await site.StoredAsync(id))!));
        var list = await admin.GetStringAsync("/admin/content?q=" + Uri.EscapeDataString("Admin scheduled: fasting"));
        Assert.Contains("scheduled: publishes", list, StringComparison.Ordinal);
        Assert.Contains(at.ToString("yyyy-MM-dd HH:mm"), list, StringComparison.Ordinal);

        page = await admin.GetStringAsync($"/admin/content/{id}/edit");
        Assert.Contains("Cancel schedule", page, StringComparison.Ordinal);
        using (var cancelled = await PostAsync(admin, id, page, "cancel", ""))
        {
            Assert.Equal(HttpStatusCode.Redirect, cancelled.StatusCode);
        }
        Assert.Null(ScheduleParts.PublishUtc((await site.StoredAsync(id))!));
        Assert.DoesNotContain("scheduled: publishes", await admin.GetStringAsync("/admin/content?q=" + Uri.EscapeDataString("Admin scheduled: fasting")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_past_time_or_garbage_is_400_naming_it_and_changes_nothing()
    {
        var id = await site.DraftFaqAsync("chief-app", "Admin scheduled: past?");
        var before = (await site.StoredAsync(id))!.ConcurrencyStamp;
        using var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync($"/admin/content/{id}/edit");

        using (var past = await PostAsync(admin, id, page, "schedule", site.In(-60).ToString("yyyy-MM-ddTHH:mm")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, past.StatusCode);
            var message = await past.Content.ReadAsStringAsync();
            Assert.Contains("PublishLaterPart.ScheduledPublishUtc", message, StringComparison.Ordinal);
            Assert.Contains("in the past", message, StringComparison.Ordinal);
        }
        using (var garbage = await PostAsync(admin, id, page, "schedule", "<script>alert(1)</script>"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, garbage.StatusCode);
            Assert.Contains("Not a date and time", await garbage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var unknown = await PostAsync(admin, id, page, "zzz", site.In(60).ToString("yyyy-MM-ddTHH:mm")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
            Assert.Contains("Unknown action 'zzz'", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var empty = await PostAsync(admin, id, page, "schedule", ""))
        {
            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode); // no time given is not a cancel
        }
        Assert.Equal(before, (await site.StoredAsync(id))!.ConcurrencyStamp);
    }

    [Fact]
    public async Task Anonymous_callers_and_an_author_who_may_not_publish_are_refused()
    {
        var id = await site.DraftFaqAsync("chief-app", "Admin scheduled: refused?");
        var at = site.In(60).ToString("yyyy-MM-ddTHH:mm");
        using (var admin = await site.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword))
        {
            var page = await admin.GetStringAsync($"/admin/content/{id}/edit");
            using var anonymous = site.Site.Anonymous();
            using var refused = await PostAsync(anonymous, id, page, "schedule", at);
            // Sent to sign in (or refused outright), never to the edit page as a success would be.
            Assert.True(refused.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized
                || refused.Headers.Location?.OriginalString.Contains("login", StringComparison.OrdinalIgnoreCase) == true, $"{refused.StatusCode} {refused.Headers.Location}");
        }
        using (var writer = await site.Site.SignedInAsync("writer", "Writer-password-1"))
        {
            var list = await writer.GetStringAsync("/admin/content"); // the author reaches the admin, and a form's token
            using var forbidden = await PostAsync(writer, id, list, "schedule", at);
            Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        }
        Assert.Null(ScheduleParts.PublishUtc((await site.StoredAsync(id))!));
    }

    private static Task<HttpResponseMessage> PostAsync(HttpClient http, string id, string page, string action, string publishUtc, bool withStamp = true)
    {
        var form = new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
            ["action"] = action,
            ["publishUtc"] = publishUtc,
            ["archiveUtc"] = "",
        };
        if (withStamp)
        {
            form["baseStamp"] = System.Text.RegularExpressions.Regex.Match(page, "name=\"baseStamp\" value=\"([^\"]*)\"").Groups[1].Value;
        }
        return http.PostAsync($"/admin/content/{id}/schedule", new FormUrlEncodedContent(form));
    }
}
