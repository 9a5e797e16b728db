using System.Net;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Playwright;

namespace ClinicCms.Tests.Admin;

/// <summary>Administrators shape the site in a real browser: types, media, API clients, recipes; others are refused.</summary>
[Collection(nameof(AdminBrowserTests))]
public sealed class SiteAdminBrowserTests(SiteAdminBrowserTests.Site shared) : IClassFixture<SiteAdminBrowserTests.Site>
{
    /// <summary>
    /// One site for the class, with a recipes folder of its own. The tests change different things (a field on FAQ,
    /// the article's image, a new client, the settings), and the clinic recipe they run again converges.
    /// </summary>
    public sealed class Site(Chromium chromium) : SharedBrowserSite(chromium)
    {
        private readonly TempFolder _recipes = new();

        protected override async Task<BrowserSite> StartAsync()
        {
            File.Copy(RepositoryFiles.ClinicRecipe, _recipes.File("clinic.recipe.json"));
            Directory.CreateDirectory(_recipes.File("clinic"));
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "recipes", "clinic")))
            {
                File.Copy(file, _recipes.File(Path.Combine("clinic", Path.GetFileName(file))));
            }
            await File.WriteAllTextAsync(_recipes.File("broken.recipe.json"), """
                { "name": "broken", "displayName": "Broken on purpose", "steps": [ { "name": "settings", "SiteName": "Broken" }, { "name": "NoSuchStep" } ] }
                """);
            return await BrowserSite.StartAsync(Chromium, new Dictionary<string, string> { ["ClinicCms:RecipesPath"] = _recipes.Path });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            _recipes.Dispose();
        }
    }

    [Fact]
    public async Task A_field_added_to_faq_appears_in_the_editor_and_in_graphql()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/types/FAQ");
        await page.GetByLabel("Display name", new() { Exact = true }).Last.FillAsync("Reviewed by");
        await page.GetByLabel("Technical name").FillAsync("ReviewedBy");
        await page.GetByLabel("Kind").SelectOptionAsync("TextField");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add field" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("The field ReviewedBy was added.");
        await BrowserSite.ScreenshotAsync(page, "type-editor");

        await page.GotoAsync("/admin/content/42x83pm6z1zwpyv4996qqr52x7/edit");
        await page.GetByLabel("Reviewed by").FillAsync("Dr. Rivera");
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");

        var graphql = new GraphQLClient(site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1")));
        var data = await graphql.DataAsync("{ faq(where: { reviewedBy: \"Dr. Rivera\" }) { displayText reviewedBy } }");
        Assert.Equal("How many ketamine infusions will I need?", data["faq"]![0]!["displayText"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_uploaded_image_is_picked_in_the_article_and_its_url_comes_through_graphql()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/media");
        await page.GetByLabel("Folder name").FillAsync("articles");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create folder" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "articles/" }).ClickAsync();
        await page.GetByLabel("Files").SetInputFilesAsync(new FilePayload { Name = "Infusion Room.png", MimeType = "image/png", Buffer = TinyPng });
        await page.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Infusion-Room.png" })).ToBeVisibleAsync();
        await BrowserSite.ScreenshotAsync(page, "media-library");

        await page.GotoAsync($"/admin/content/{ClinicIds.Article}/edit");
        await page.Locator("#f-Article-HeroImage [data-browse]").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Open folder articles" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Pick articles/Infusion-Room.png" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Published.");

        using var http = site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1"));
        var data = await new GraphQLClient(http).DataAsync("{ article { heroImage { files { url fileName } } } }");
        var url = data["article"]![0]!["heroImage"]!["files"]![0]!["url"]!.GetValue<string>();
        Assert.Equal("/media/articles/Infusion-Room.png", url);
        using var image = await http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType!.MediaType);
        Assert.Contains("max-age=86400", image.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_api_client_created_in_the_admin_gets_a_token_with_its_secret()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/clients");
        await page.GetByLabel("Client id").FillAsync("website");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Next.js site");
        await page.GetByLabel("ApiReader").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Create client" }).ClickAsync();
        var secret = await page.Locator("#new-secret").TextContentAsync();
        await BrowserSite.ScreenshotAsync(page, "api-clients");

        using var token = await site.Site.RequestTokenAsync("website", secret!);
        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
        await page.GotoAsync("/admin/clients");
        await Assertions.Expect(page.Locator("#new-secret")).ToHaveCountAsync(0); // shown once only
        await page.GetByRole(AriaRole.Row, new() { Name = "website" }).GetByRole(AriaRole.Button, new() { Name = "Disable" }).ClickAsync();
        // The click only sends the form: wait for the page that lists the client disabled before asking for a token.
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { Name = "website" })).ToContainTextAsync("Disabled");
        using var refused = await site.Site.RequestTokenAsync("website", secret!);
        Assert.NotEqual(HttpStatusCode.OK, refused.StatusCode);
    }

    [Fact]
    public async Task A_recipe_runs_from_the_page_and_a_failing_one_shows_its_error_with_nothing_changed()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        await page.GotoAsync("/admin/recipes");
        await page.GetByRole(AriaRole.Row, new() { Name = "Clinic" }).GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recipe-report")).ToContainTextAsync("content items: 0 created");
        await BrowserSite.ScreenshotAsync(page, "recipes");

        await page.GetByRole(AriaRole.Row, new() { Name = "Broken on purpose" }).GetByRole(AriaRole.Button, new() { Name = "Run" }).ClickAsync();
        await Assertions.Expect(page.Locator("#recipe-errors")).ToContainTextAsync("broken.recipe.json: steps[1] (NoSuchStep) name: unknown step 'NoSuchStep'");
        var settings = await site.Site.App.InScopeAsync(async sp =>
            (await Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<ClinicCms.Content.Store.SiteDocumentStore>(sp)
                .FindAsync(ClinicCms.Content.Store.SiteDocumentNames.Settings))!.Content);
        Assert.DoesNotContain("Broken", settings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_editor_who_is_not_an_administrator_is_refused_the_types_and_users_pages()
    {
        var site = await shared.SiteAsync();
        var page = await site.SignInAsync("chief", "Chief-password-1");

        foreach (var path in new[] { "/admin/types", "/admin/users", "/admin/roles", "/admin/clients", "/admin/recipes" })
        {
            var response = await page.GotoAsync(path);
            Assert.Equal(403, response!.Status);
            await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Not allowed" })).ToBeVisibleAsync();
        }
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Types" })).ToHaveCountAsync(0);
    }

    // A 1x1 transparent PNG.
    private static readonly byte[] TinyPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");
}
