using ClinicCms.Tests.Admin;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Scheduling;

/// <summary>An editor schedules a publish in a real browser; the site's own scheduler fires it once the site's clock passes the time.</summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class ScheduleBrowserTests(ScheduleBrowserTests.Site shared) : IClassFixture<ScheduleBrowserTests.Site>
{
    [Fact]
    public async Task An_editor_schedules_a_publish_sees_it_listed_and_it_fires_when_its_time_comes()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/content/new/FAQ");
        await page.GetByLabel("Question *").FillAsync("Can I book an infusion for next week?");
        await page.GetByLabel("Category *").SelectOptionAsync("general");
        await page.GetByLabel("Display order *").FillAsync("45");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");

        var at = shared.Clock.UtcNow.AddMinutes(30);
        await page.GetByLabel("Publish later (UTC)").FillAsync(at.ToString("yyyy-MM-ddTHH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Scheduled.");
        await Assertions.Expect(page.Locator(".scheduled-publish")).ToContainTextAsync(at.ToString("yyyy-MM-dd HH:mm"));
        await BrowserSite.ScreenshotAsync(page, "schedule-panel");

        await page.GotoAsync("/admin/content?q=" + Uri.EscapeDataString("book an infusion"));
        await Assertions.Expect(page.Locator(".badge.scheduled")).ToContainTextAsync("scheduled: publishes " + at.ToString("yyyy-MM-dd HH:mm"));
        await BrowserSite.ScreenshotAsync(page, "content-list-scheduled");

        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        const string Query = "{ faq(where: { displayText: \"Can I book an infusion for next week?\" }) { displayText } }";
        Assert.Empty((await graphql.DataAsync(Query))["faq"]!.AsArray());

        shared.Clock.Advance(TimeSpan.FromMinutes(31));
        Assert.True(await ScheduledPublishingTests.Until(async () => (await graphql.DataAsync(Query))["faq"]!.AsArray().Count == 1));
        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".badge.scheduled")).ToHaveCountAsync(0);
        await Assertions.Expect(page.Locator(".badge.live")).ToHaveCountAsync(1);
    }

    /// <summary>The browser site with the scheduler on (every second) and a clock the test moves forward.</summary>
    public sealed class Site(Chromium chromium) : SharedBrowserSite(chromium)
    {
        public ShiftedClock Clock { get; } = new();

        protected override Task<BrowserSite> StartAsync() =>
            BrowserSite.StartAsync(Chromium, ScheduleSite.Settings, services: s => s.AddSingleton<TimeProvider>(Clock));
    }
}
