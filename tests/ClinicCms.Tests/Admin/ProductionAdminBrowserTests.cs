using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>The README's `dotnet run`: the Production environment over plain HTTP on this machine, in a real browser.</summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class ProductionAdminBrowserTests(Chromium chromium)
{
    [Fact]
    public async Task In_production_over_plain_http_from_this_machine_an_editor_signs_in_edits_and_publishes()
    {
        await using var site = await BrowserSite.StartAsync(chromium, environment: "Production");

        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard" })).ToBeVisibleAsync();
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/edit");
        await page.GetByLabel("Subtitle").FillAsync("Edited in production");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");

        // An API client gets its token over the same plain HTTP, from this machine, and reads what was published.
        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        var article = await graphql.DataAsync("{ article { subtitle } }");
        Assert.Equal("Edited in production", article["article"]![0]!["subtitle"]!.GetValue<string>());
    }
}
