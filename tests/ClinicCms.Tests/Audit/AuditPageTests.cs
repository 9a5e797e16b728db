using System.Net;
using ClinicCms.Content.Audit;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Audit;

/// <summary>/admin/audit: who may read it, what each reader sees, its filters, and hostile input.</summary>
[Collection(nameof(AuditSite))]
public sealed class AuditPageTests(AuditSite site)
{
    [Fact]
    public async Task Anonymous_callers_are_sent_to_sign_in_and_an_author_without_ViewAuditTrail_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        using var anonymous = site.Site.Anonymous();
        using (var page = await anonymous.GetAsync("/admin/audit", ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.StartsWith("/login", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
        using var author = await site.SignedInAsync("rauthor", "Rauthor-password-1");
        // As on every admin page an editor lacks the permission for: sent to /denied, which answers 403.
        using (var page = await author.GetAsync("/admin/audit", ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
            Assert.Equal("/denied", page.Headers.Location!.AbsolutePath);
        }
        using (var denied = await author.GetAsync("/denied", ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        }
        Assert.DoesNotContain("href=\"/admin/audit\"", await author.GetStringAsync("/admin", ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_reader_of_one_type_sees_only_that_types_rows_and_no_sign_ins()
    {
        var ct = TestContext.Current.CancellationToken;
        var faq = await WriteAsync(c => c.CreateAsync(ContentService.New("FAQ").WithFaq("Who may see this FAQ?"), publish: false, new ContentUser("4rauthor000000000000000001", "rauthor")));
        var notice = await WriteAsync(c => c.CreateAsync(ContentService.New("Notice").WithTitle("Who may see this notice?"), publish: false, ContentUser.System));
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        using var reader = await site.SignedInAsync("faqauditor", "Faq-auditor-password-1");

        var all = await admin.GetStringAsync("/admin/audit", ct);
        Assert.Equal(1, Rows(all, faq));
        Assert.Equal(1, Rows(all, notice));
        Assert.Contains(AuditEvents.SignedIn, all, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/audit\"", all, StringComparison.Ordinal);

        var mine = await reader.GetStringAsync("/admin/audit", ct);
        Assert.Equal(1, Rows(mine, faq));
        Assert.Equal(0, Rows(mine, notice));
        Assert.DoesNotContain($"<td>{AuditEvents.SignedIn}</td>", mine, StringComparison.Ordinal);
        Assert.DoesNotContain($"<td>{AuditEvents.RecipeRun}</td>", mine, StringComparison.Ordinal);
        // Asking for another category by name shows nothing more.
        Assert.DoesNotContain($"<td>{AuditEvents.SignedIn}</td>", await reader.GetStringAsync("/admin/audit?category=sign-in", ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Filters_by_item_event_user_category_and_dates_narrow_the_list()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = new ContentUser("4filterer0000000000000001", "filterer");
        var id = await WriteAsync(c => c.CreateAsync(ContentService.New("Notice").WithTitle("Filtered notice"), publish: true, user));
        var other = await WriteAsync(c => c.CreateAsync(ContentService.New("Notice").WithTitle("Other notice"), publish: false, ContentUser.System));
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);

        var byItem = await admin.GetStringAsync($"/admin/audit?item={id}", ct);
        Assert.Equal(1, Rows(byItem, id)); // created published: one change, one row
        Assert.Equal(0, Rows(byItem, other));
        var byUser = await admin.GetStringAsync("/admin/audit?user=filterer&category=content&event=created", ct);
        Assert.Equal(1, Rows(byUser, id));
        Assert.Equal(0, Rows(byUser, other));
        var today = site.Clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var tomorrow = site.Clock.GetUtcNow().UtcDateTime.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(1, Rows(await admin.GetStringAsync($"/admin/audit?item={id}&from={today}&to={today}", ct), id));
        Assert.Equal(0, Rows(await admin.GetStringAsync($"/admin/audit?item={id}&from={tomorrow}", ct), id));
        Assert.Equal(0, Rows(await admin.GetStringAsync($"/admin/audit?item={id}&event=deleted", ct), id));
    }

    [Theory]
    [InlineData("category=%3Cscript%3E", "category")]
    [InlineData("event=dropped-tables", "event")]
    [InlineData("from=yesterday", "from, to")]
    [InlineData("to=2026-02-31", "from, to")]
    public async Task A_filter_it_cannot_read_is_a_400_that_names_it(string query, string named)
    {
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        using var page = await admin.GetAsync("/admin/audit?" + query, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.BadRequest, page.StatusCode);
        Assert.StartsWith(named + ":", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Huge_unicode_and_odd_page_filters_are_answered_without_an_error()
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        using (var huge = await admin.GetAsync("/admin/audit?user=" + new string('u', 5000), ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
            Assert.StartsWith("user:", await huge.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        }
        foreach (var query in new[] { "user=" + Uri.EscapeDataString("Ünïcødé 😀 ' OR 1=1 --"), "item=" + Uri.EscapeDataString("../../etc"), "p=-5", "p=99999999999", "p=abc", "page=2" })
        {
            using var page = await admin.GetAsync("/admin/audit?" + query, ct);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    [Fact]
    public async Task A_writer_whose_id_is_longer_than_the_trail_keeps_still_writes_and_the_row_keeps_its_start()
    {
        var longId = "client-" + new string('c', 93); // OpenIddict client ids may be 100 characters
        var id = await WriteAsync(c => c.CreateAsync(ContentService.New("Notice").WithTitle("By a long-named client"), publish: false, new ContentUser(longId, "long client")));
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync($"/admin/audit?item={id}", TestContext.Current.CancellationToken);
        Assert.Contains("id " + longId[..ClinicCms.Content.Audit.AuditRow.MaxId] + "<", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_next_page_shows_older_rows()
    {
        var ct = TestContext.Current.CancellationToken;
        for (var i = 0; i < 60; i++)
        {
            await WriteAsync(c => c.CreateAsync(ContentService.New("Notice").WithTitle($"Paged {i}"), publish: false, new ContentUser("4pager000000000000000001", "pager")));
        }
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var first = await admin.GetStringAsync("/admin/audit?user=pager", ct);
        var second = await admin.GetStringAsync("/admin/audit?user=pager&p=2", ct);
        Assert.Contains("page 1", first, StringComparison.Ordinal);
        Assert.Contains("href=\"/admin/audit?user=pager&amp;p=2\"", first, StringComparison.Ordinal);
        Assert.Contains("page 2", second, StringComparison.Ordinal);
        Assert.Equal(50, System.Text.RegularExpressions.Regex.Count(first, "<td>created</td>"));
        Assert.Equal(10, System.Text.RegularExpressions.Regex.Count(second, "<td>created</td>"));
    }

    [Fact]
    public async Task Markup_in_a_recorded_user_name_or_comment_is_shown_as_text()
    {
        var ct = TestContext.Current.CancellationToken;
        using var stranger = site.Site.Anonymous();
        using (await SecuredSite.PostLoginAsync(stranger, "<b id=\"injected\">boss</b>", "Whatever-1"))
        {
        }
        await WriteAsync(c => c.CreateAsync(ContentService.New("Notice").WithTitle("Marked up"), publish: false, new ContentUser("4markup00000000000000001", "<img src=x onerror=alert(1)>")));
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);

        var page = await admin.GetStringAsync("/admin/audit", ct);
        Assert.DoesNotContain("injected", page, StringComparison.Ordinal); // an unknown name typed at sign-in is not kept at all
        Assert.DoesNotContain("<img src=x", page, StringComparison.Ordinal);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", page, StringComparison.Ordinal);
    }

    /// <summary>How many rows of the page's table are about <paramref name="id"/> (the filter form repeats the id, the table links it).</summary>
    private static int Rows(string page, string id) =>
        System.Text.RegularExpressions.Regex.Count(page, $"<a href=\"/admin/content/{id}/versions\">");

    private async Task<string> WriteAsync(Func<ContentService, Task<ContentSaveResult>> write)
    {
        var result = await site.Site.App.InScopeAsync(sp => write(sp.GetRequiredService<ContentService>()));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result.Item!.ContentItemId;
    }
}
