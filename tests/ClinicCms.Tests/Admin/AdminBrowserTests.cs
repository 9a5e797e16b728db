using System.Text.RegularExpressions;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// Editors in a real browser: sign in, edit, restore, conflicts, validation, the GraphQL explorer, the keyboard. The
/// tests share one site and leave the number of items as it was; those that add or unpublish items are in
/// <see cref="PublishingBrowserTests"/>.
/// </summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class AdminBrowserTests(SharedBrowserSite shared) : IClassFixture<SharedBrowserSite>
{
    [Fact]
    public async Task An_editor_signs_in_and_sees_the_dashboard_and_the_content_list()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".stat", new() { HasText = "FAQ" })).ToContainTextAsync("9");
        await BrowserSite.ScreenshotAsync(page, "dashboard");
        await page.GetByRole(AriaRole.Link, new() { Name = "Content", Exact = true }).ClickAsync();
        await page.GetByLabel("Search titles").FillAsync("ketamine");
        await page.GetByLabel("Type").SelectOptionAsync("FAQ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.grid tbody tr")).ToHaveCountAsync(5);
        await BrowserSite.ScreenshotAsync(page, "content-list");
    }

    [Fact]
    public async Task The_seeded_article_is_edited_and_an_older_version_restored()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/edit");
        await BrowserSite.ScreenshotAsync(page, "article-editor");
        await page.GetByLabel("Subtitle").FillAsync("A new subtitle");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");

        await page.GetByRole(AriaRole.Link, new() { Name = "History" }).ClickAsync();
        await Assertions.Expect(page.Locator("table.diff tr.changed", new() { HasText = "Subtitle" })).ToContainTextAsync("A new subtitle");
        await BrowserSite.ScreenshotAsync(page, "history");
        await page.Locator("[data-restore='1']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("restored as a new draft");
        await Assertions.Expect(page.GetByLabel("Subtitle")).ToHaveValueAsync("What to expect from a course of ketamine infusions for treatment-resistant depression");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        // The click only sends the form: wait for the answer before GraphQL is asked.
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");
        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        var article = await graphql.DataAsync("{ article { subtitle } }");
        Assert.Equal("What to expect from a course of ketamine infusions for treatment-resistant depression", article["article"]![0]!["subtitle"]!.GetValue<string>());
    }

    [Fact]
    public async Task When_two_editors_save_the_same_item_the_second_sees_the_conflict_and_keeps_their_input()
    {
        var site = await shared.SiteAsync();
        var first = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        var second = await site.SignInAsync("chief", "Chief-password-1");
        var url = "/admin/content/42x83pm6z1zwpyv4996qqr52x7/edit";
        await first.GotoAsync(url);
        await second.GotoAsync(url);

        await first.GetByLabel("Question *").FillAsync("How many infusions does a course take?");
        await first.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(first.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        await second.GetByLabel("Question *").FillAsync("How many ketamine sessions will I have?");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Assertions.Expect(second.GetByRole(AriaRole.Alert).First).ToContainTextAsync("Someone else saved this item while you were editing");
        await Assertions.Expect(second.Locator(".conflict")).ToContainTextAsync("How many infusions does a course take?");
        await Assertions.Expect(second.GetByLabel("Question *")).ToHaveValueAsync("How many ketamine sessions will I have?");
        await BrowserSite.ScreenshotAsync(second, "conflict");
        await second.GetByRole(AriaRole.Button, new() { Name = "Save mine over theirs" }).ClickAsync();
        await Assertions.Expect(second.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        await Assertions.Expect(second.GetByLabel("Question *")).ToHaveValueAsync("How many ketamine sessions will I have?");
    }

    [Fact]
    public async Task A_validation_error_sits_beside_its_field_and_keeps_the_input()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/content/new/FAQ");
        await page.GetByLabel("Question *").FillAsync("Is there parking?");
        await page.GetByLabel("Category *").SelectOptionAsync("general");
        await page.GetByLabel("Display order *").FillAsync("seven");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();

        await Assertions.Expect(page.Locator("[data-field='FAQ.Order'] .field-error")).ToHaveTextAsync("expected a number, got \"seven\"");
        await Assertions.Expect(page.GetByLabel("Display order *")).ToHaveValueAsync("seven");
        await Assertions.Expect(page.GetByLabel("Question *")).ToHaveValueAsync("Is there parking?");
        await BrowserSite.ScreenshotAsync(page, "validation-error");
    }

    [Fact]
    public async Task The_graphql_explorer_runs_a_query_with_the_editors_session_and_suggests_fields()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/graphql");
        await Assertions.Expect(page.Locator("[data-graphql-explorer][data-ready='true']")).ToHaveCountAsync(1);

        await page.GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await Assertions.Expect(page.Locator("#gql-result")).ToContainTextAsync("\"faqCount\": 8");
        var query = page.GetByLabel("Query");
        await query.FillAsync("{ faq { disp");
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new() { Name = "displayText" })).ToBeVisibleAsync();
        await query.PressAsync("Enter");
        await Assertions.Expect(query).ToHaveValueAsync(new Regex("displayText$"));
        await page.GetByLabel("Find a type or field").FillAsync("sessionsMinimum");
        await Assertions.Expect(page.Locator(".docs-list")).ToContainTextAsync("sessionsMinimum: Decimal");
        await BrowserSite.ScreenshotAsync(page, "graphql-explorer");
    }

    [Fact]
    public async Task The_admin_works_at_tablet_width_and_from_the_keyboard()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword, width: 800);
        await page.GotoAsync($"/admin/content/{ClinicIds.TreatmentOverview}/edit");
        await BrowserSite.ScreenshotAsync(page, "treatment-editor-tablet");

        var unlabelled = await page.EvaluateAsync<int>("""
            () => [...document.querySelectorAll('form.editor input:not([type=hidden]), form.editor select, form.editor textarea:not([hidden])')]
              .filter(e => !e.labels?.length && !e.getAttribute('aria-label') && !e.getAttribute('aria-labelledby')).length
            """);
        Assert.Equal(0, unlabelled);
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(page.Locator(".skip")).ToBeFocusedAsync();
    }
}

/// <summary>
/// The browser tests run one after another, with one Chromium for all of them, beside the other collections (they
/// start first: together they are the longest). Their waits are for conditions on the page, with timeouts made for
/// a machine busy with other tests (<see cref="BrowserSite"/>); a click that posts a form is followed by a wait for
/// the page that answers before anything else is checked.
/// </summary>
[CollectionDefinition(nameof(AdminBrowserTests))]
public sealed class AdminBrowserTestsShareChromium : ICollectionFixture<Chromium>;
