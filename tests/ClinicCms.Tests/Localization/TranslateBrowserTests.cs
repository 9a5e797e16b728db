using ClinicCms.Tests.Admin;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Localization;

/// <summary>An editor in a real browser translates the clinic article into Spanish, and GraphQL serves it once published.</summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class TranslateBrowserTests(SharedBrowserSite shared) : IClassFixture<SharedBrowserSite>
{
    [Fact]
    public async Task An_article_is_translated_into_a_draft_that_is_edited_then_published_in_its_culture()
    {
        var site = await shared.SiteAsync();
        await site.Site.App.RunRecipeTextAsync("""
            { "steps": [ { "name": "Settings", "LocalizationSettings": { "DefaultCulture": "en-US", "SupportedCultures": ["en-US", "es-US"] } } ] }
            """, "cultures.recipe.json");
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/edit");

        await page.GetByLabel("Translate into").SelectOptionAsync("es-US");
        await page.GetByRole(AriaRole.Button, new() { Name = "Translate" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Translation into es-US created as a draft");
        await Assertions.Expect(page.Locator("a[hreflang='en-US']")).ToHaveAttributeAsync("href", $"/admin/content/{ClinicIds.Article}/edit");
        await page.GetByLabel("Title *").FillAsync("Prueba de traducción");
        await BrowserSite.ScreenshotAsync(page, "translated-article");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");

        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        var data = await graphql.DataAsync("""
            { article(culture: "es-US", fallback: true) { displayText path localizationPart { culture localizations { ... on Article { displayText } } } } }
            """);
        var spanish = Assert.Single(data["article"]!.AsArray())!;
        Assert.Equal("Prueba de traducción", spanish["displayText"]!.GetValue<string>());
        Assert.Equal("es/articles/how-many-ketamine-infusions-will-i-need", spanish["path"]!.GetValue<string>());
        Assert.Equal("How Many Ketamine Infusions Will I Need?", spanish["localizationPart"]!["localizations"]![0]!["displayText"]!.GetValue<string>());
    }
}
