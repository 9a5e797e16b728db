using System.Net;
using System.Text.Json.Nodes;
using ClinicCms.Content.Audit;
using ClinicCms.Content.Definitions;
using ClinicCms.Recipes;
using ClinicCms.Recipes.Export;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Preview;

/// <summary>
/// A type's PreviewUrl: validated in recipes and on the admin's type page, kept in exports, and opened with a fresh
/// token by the editor's Preview button; issuing a token leaves an audit row.
/// </summary>
[Collection(PreviewSite.Collection)]
public sealed class PreviewUrlTests(PreviewSite preview)
{
    private const string RecipeUrl = "https://clinic.example/api/draft?token={token}&path={path}&id={contentItemId}&type={contentType}";

    [Theory]
    [InlineData("https://clinic.example/api/draft?token={token}&path={path}")]
    [InlineData("http://localhost:3000/api/draft?secret={token}&slug={path}&id={contentItemId}&type={contentType}")]
    [InlineData("")]
    public void Absolute_http_urls_with_known_placeholders_are_valid(string url) => Assert.Null(PreviewUrlTemplate.Problem(url));

    [Theory]
    [InlineData("/api/draft?token={token}", "absolute http")]
    [InlineData("javascript:alert(1)//{token}", "absolute http")]
    [InlineData("ftp://clinic.example/{token}", "absolute http")]
    [InlineData("https://clinic.example/api/draft?token={secret}", "unknown placeholder {secret}")]
    [InlineData("https://clinic.example/a b?token={token}", "spaces")]
    [InlineData("https://clinic.example/<script>{token}", "angle brackets")]
    public void Other_urls_are_refused_with_the_reason(string url, string reason) =>
        Assert.Contains(reason, PreviewUrlTemplate.Problem(url), StringComparison.Ordinal);

    [Fact]
    public void Filled_values_are_url_encoded()
    {
        var url = PreviewUrlTemplate.Fill("https://x.example/d?t={token}&p={path}&i={contentItemId}&c={contentType}", "a+b/c=", "/é & <b>", "id 1", "Page&x");

        Assert.Equal("https://x.example/d?t=a%2Bb%2Fc%3D&p=%2F%C3%A9%20%26%20%3Cb%3E&i=id%201&c=Page%26x", url);
    }

    [Fact]
    public async Task A_recipe_with_a_bad_PreviewUrl_is_refused_at_its_path_and_changes_nothing()
    {
        var error = await Assert.ThrowsAsync<RecipeException>(() => preview.Site.App.RunRecipeTextAsync("""
            { "name": "bad", "steps": [ { "name": "ContentDefinition", "ContentTypes": [ { "Name": "Page", "DisplayName": "Page",
              "Settings": { "ContentTypeSettings": { "PreviewUrl": "ftp://clinic.example/{token}" } }, "ContentTypePartDefinitionRecords": [] } ] } ] }
            """, "bad.recipe.json"));

        Assert.Contains(error.Errors, e => e.Path.EndsWith("Settings.ContentTypeSettings.PreviewUrl", StringComparison.Ordinal) && e.Message.Contains("absolute http", StringComparison.Ordinal));
        Assert.Equal(RecipeUrl, await PreviewUrlOfPageAsync());
    }

    [Fact]
    public async Task The_type_page_saves_a_valid_PreviewUrl_and_refuses_a_bad_one_with_its_reason()
    {
        using var admin = await preview.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        try
        {
            using var bad = await PostSettingsAsync(admin, "https://clinic.example/draft?t={nope}");
            var page = await bad.Content.ReadAsStringAsync();
            Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
            Assert.Contains("unknown placeholder {nope}", page, StringComparison.Ordinal);
            Assert.Equal(RecipeUrl, await PreviewUrlOfPageAsync());

            using var good = await PostSettingsAsync(admin, "https://preview.clinic.example/api/draft?token={token}");
            Assert.Equal(HttpStatusCode.Redirect, good.StatusCode);
            Assert.Equal("https://preview.clinic.example/api/draft?token={token}", await PreviewUrlOfPageAsync());
        }
        finally
        {
            using var restored = await PostSettingsAsync(admin, RecipeUrl);
            Assert.Equal(HttpStatusCode.Redirect, restored.StatusCode);
        }
    }

    [Fact]
    public async Task An_export_keeps_the_PreviewUrl()
    {
        var text = await preview.Site.App.InScopeAsync(async sp =>
        {
            using var output = new MemoryStream();
            await sp.GetRequiredService<RecipeExporter>().ExportAsync(output);
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        });

        var page = JsonNode.Parse(text)!["steps"]!.AsArray().Where(s => s!["name"]!.GetValue<string>() == "ContentDefinition")
            .SelectMany(s => s!["ContentTypes"]!.AsArray()).Single(t => t!["Name"]!.GetValue<string>() == "Page");
        Assert.Equal(RecipeUrl, page!["Settings"]!["ContentTypeSettings"]!["PreviewUrl"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_preview_button_opens_the_frontend_with_a_fresh_token_and_the_issue_is_audited()
    {
        var (http, _) = await preview.EditorAsync("previewer", "Previewer-password-1");
        using (http)
        {
            var editor = await http.GetStringAsync($"/admin/content/{PreviewSite.Draft}/edit");
            Assert.Contains($"action=\"/admin/content/{PreviewSite.Draft}/preview?handler=Site\" target=\"_blank\"", editor, StringComparison.Ordinal);
            using var response = await http.PostAsync($"/admin/content/{PreviewSite.Draft}/preview?handler=Site", new FormUrlEncodedContent(
                new Dictionary<string, string> { ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(editor) }));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            var location = response.Headers.Location!.ToString();
            Assert.StartsWith("https://clinic.example/api/draft?token=preview.", location, StringComparison.Ordinal);
            var token = Uri.UnescapeDataString(location.Split("token=")[1].Split('&')[0]);
            using var reader = preview.WithPreviewToken(token);
            var drafts = (await new GraphQL.GraphQLClient(reader).DataAsync("{ page(status: DRAFT) { contentItemId } }"))["page"]!.AsArray();
            Assert.Equal(PreviewSite.Draft, drafts.Single()!["contentItemId"]!.GetValue<string>());
        }

        var rows = await preview.Site.App.InScopeAsync(sp => sp.GetRequiredService<AuditTrail>()
            .ListAsync(new AuditFilter(Event: AuditEvents.PreviewTokenIssued), new AuditScope(AuditCategories.All, null), 1, 50));
        Assert.Contains(rows.Rows, r => r.ContentItemId == PreviewSite.Draft && r.UserName == "previewer" && r.ContentType == "Page");
    }

    [Fact]
    public async Task A_type_without_a_PreviewUrl_keeps_the_built_in_preview()
    {
        using var admin = await preview.Site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var editor = await admin.GetStringAsync($"/admin/content/{ClinicIds.Article}/edit");

        Assert.Contains($"<a href=\"/admin/content/{ClinicIds.Article}/preview\">Preview</a>", editor, StringComparison.Ordinal);
        Assert.DoesNotContain("handler=Site", editor, StringComparison.Ordinal);
    }

    private static async Task<HttpResponseMessage> PostSettingsAsync(HttpClient admin, string previewUrl)
    {
        var page = await admin.GetStringAsync("/admin/types/Page");
        return await admin.PostAsync("/admin/types/Page?handler=Settings", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
            ["displayName"] = "Page",
            ["creatable"] = "true",
            ["listable"] = "true",
            ["draftable"] = "true",
            ["versionable"] = "true",
            ["previewUrl"] = previewUrl,
        }));
    }

    private Task<string?> PreviewUrlOfPageAsync() => preview.Site.App.InScopeAsync(async sp =>
        (await sp.GetRequiredService<ContentDefinitionStore>().GetAsync()).FindType("Page")!.TypeSettings.PreviewUrl);
}
