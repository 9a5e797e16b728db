using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>
/// Editors in a real browser add, submit and unpublish FAQs, and GraphQL shows the result. The tests share one site;
/// each adds FAQs of its own, and counts relative to what it found.
/// </summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class PublishingBrowserTests(SharedBrowserSite shared) : IClassFixture<SharedBrowserSite>
{
    [Fact]
    public async Task An_faq_is_created_as_a_draft_then_published_and_found_through_graphql()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/content/new/FAQ");
        await page.GetByLabel("Question *").FillAsync("Can I drive home after an infusion?");
        await page.GetByLabel("Category *").SelectOptionAsync("general");
        await page.GetByLabel("Display order *").FillAsync("40");
        await page.Locator("[data-markdown-editor] textarea").FillAsync("Ask the clinic **before** your visit.");
        await Assertions.Expect(page.Locator("[data-markdown-editor] .preview strong")).ToHaveTextAsync("before");
        await BrowserSite.ScreenshotAsync(page, "faq-editor");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        Assert.Empty((await graphql.DataAsync("{ faq(where: { displayText: \"Can I drive home after an infusion?\" }) { displayText } }"))["faq"]!.AsArray());

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");
        var found = await graphql.DataAsync("{ faq(where: { displayText: \"Can I drive home after an infusion?\" }) { order answer { html } } }");
        Assert.Equal(40m, found["faq"]![0]!["order"]!.GetValue<decimal>());
        Assert.Contains("<strong>before</strong>", found["faq"]![0]!["answer"]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_contributor_cannot_publish_and_the_server_refuses_it_too()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("contrib", "Contrib-password-1");
        await page.GotoAsync("/admin/content/new/FAQ");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true })).ToHaveCountAsync(0);
        await page.GetByLabel("Question *").FillAsync("A contributor's question?");
        await page.GetByLabel("Category *").SelectOptionAsync("general");
        await page.GetByLabel("Display order *").FillAsync("50");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");

        // Post the form with action=publish by hand: the server must refuse it whatever the page showed.
        var response = await page.EvaluateAsync<int>("""
            async () => {
              const form = document.querySelector('form.editor');
              const data = new FormData(form);
              data.set('action', 'publish');
              const r = await fetch(location.pathname, { method: 'POST', body: new URLSearchParams(data), redirect: 'manual' });
              return r.status;
            }
            """);
        Assert.Equal(403, response);
        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        Assert.Empty((await graphql.DataAsync("{ faq(where: { displayText: \"A contributor's question?\" }) { displayText } }"))["faq"]!.AsArray());
    }

    [Fact]
    public async Task Bulk_unpublish_asks_for_confirmation_then_takes_the_items_off_the_site()
    {
        var site = await shared.SiteAsync();
        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        var before = (await graphql.DataAsync("{ faqCount }"))["faqCount"]!.GetValue<int>();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/content?type=FAQ&sort=Title");
        await page.GetByLabel("Select Can the number of infusions change during my treatment?").CheckAsync();
        await page.GetByLabel("Select Is ketamine FDA-approved?").CheckAsync();
        await page.GetByLabel("With the selected items").SelectOptionAsync("Unpublish");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply…" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Unpublish these 2 items?" })).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "bulk-confirmation");
        await page.GetByRole(AriaRole.Button, new() { Name = "Yes, unpublish 2 items" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Unpublish done for 2 items.");
        Assert.Equal(before - 2, (await graphql.DataAsync("{ faqCount }"))["faqCount"]!.GetValue<int>());
    }
}
