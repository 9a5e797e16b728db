using System.Net;
using ClinicCms.Recipes;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Admin;

/// <summary>The media library's and the user pages' rules, over HTTP with a real sign-in and antiforgery tokens.</summary>
[Collection(nameof(AdminSite))]
public sealed class SiteAdminTests(SharedSecuredSite shared)
{
    [Fact]
    public async Task Uploads_get_safe_names_and_no_path_leaves_the_media_folder()
    {
        // It lists every media file, so it has a site of its own.
        await using var site = await SecuredSite.StartAsync();
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);

        using var evil = await UploadAsync(admin, "../../escape.png", "x");
        using var script = await UploadAsync(admin, "tool.exe", "MZ");
        var store = site.App.Services.GetRequiredService<MediaStore>();

        Assert.Equal(HttpStatusCode.Redirect, evil.StatusCode);
        Assert.Equal(["escape.png"], store.AllFiles());
        Assert.False(File.Exists(Path.Combine(site.App.Data.Path, "Sites", "escape.png")));
        Assert.Contains("Files of type &#x27;.exe&#x27; are not allowed", await script.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("etc/passwd", MediaStore.SafePath("../../etc/passwd"));
        Assert.StartsWith(Path.GetFullPath(store.Root), store.Resolve("../../x.png"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_media_step_imports_base64_files_and_a_missing_source_is_an_error_that_changes_nothing()
    {
        var site = shared.Site;
        var recipe = Path.Combine(site.App.Data.Path, "media.recipe.json");
        await File.WriteAllTextAsync(recipe, """
            { "steps": [ { "name": "media", "Files": [ { "TargetPath": "logos/clinic.png", "Base64": "iVBORw0KGgo=" } ] } ] }
            """);
        var missing = Path.Combine(site.App.Data.Path, "missing.recipe.json");
        await File.WriteAllTextAsync(missing, """
            { "steps": [ { "name": "media", "Files": [ { "TargetPath": "a.png", "Base64": "iVBORw0KGgo=" }, { "TargetPath": "b.png", "SourcePath": "nowhere/b.png" } ] } ] }
            """);

        var store = site.App.Services.GetRequiredService<MediaStore>();
        var before = store.AllFiles().ToList(); // the collection's other tests upload files of their own
        await site.App.RunRecipeAsync(recipe);
        var error = await Assert.ThrowsAsync<RecipeException>(() => site.App.RunRecipeAsync(missing));

        Assert.Equal([.. before.Append("logos/clinic.png").Distinct().Order(StringComparer.Ordinal)], store.AllFiles().Order(StringComparer.Ordinal));
        Assert.Equal("missing.recipe.json: steps[0] (media) Files[1].SourcePath: file not found: 'nowhere/b.png' (relative to the recipe's folder)", Assert.Single(error.Errors).ToString());
        using var http = site.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/media/logos/clinic.png")).StatusCode);
    }

    [Fact]
    public async Task Files_the_media_step_wrote_are_taken_back_when_a_later_step_fails()
    {
        var site = shared.Site;
        var first = Path.Combine(site.App.Data.Path, "media.recipe.json");
        await File.WriteAllTextAsync(first, """
            { "steps": [ { "name": "media", "Files": [ { "TargetPath": "logos/clinic.png", "Base64": "AQID" } ] } ] }
            """);
        await site.App.RunRecipeAsync(first);
        var store = site.App.Services.GetRequiredService<MediaStore>();
        var files = store.AllFiles().ToList(); // the collection's other tests upload files of their own
        var folders = Directory.GetDirectories(store.Root, "*", SearchOption.AllDirectories);

        // Valid when planned; the content step's path is taken by the clinic article, which only the database knows.
        var failing = Path.Combine(site.App.Data.Path, "failing.recipe.json");
        await File.WriteAllTextAsync(failing, """
            { "steps": [
              { "name": "media", "Files": [
                { "TargetPath": "logos/clinic.png", "Base64": "BAUG" },
                { "TargetPath": "new/deeper/leaflet.pdf", "Base64": "JVBERi0=" } ] },
              { "name": "content", "data": [
                { "ContentItemId": "newarticle000000000000001", "ContentType": "Article", "Latest": true, "Published": true,
                  "TitlePart": { "Title": "Copycat" }, "Article": { "Summary": { "Text": "x" } },
                  "AutoroutePart": { "Path": "articles/how-many-ketamine-infusions-will-i-need" } } ] }
            ] }
            """);
        var error = await Assert.ThrowsAsync<RecipeException>(() => site.App.RunRecipeAsync(failing));

        Assert.Contains("is already in use by another content item", Assert.Single(error.Errors).ToString(), StringComparison.Ordinal);
        Assert.Contains("logos/clinic.png", files);
        Assert.Equal(files, store.AllFiles());
        Assert.Equal([1, 2, 3], await File.ReadAllBytesAsync(store.Resolve("logos/clinic.png")));
        Assert.Equal(folders, Directory.GetDirectories(store.Root, "*", SearchOption.AllDirectories));
    }

    [Fact]
    public async Task An_administrator_cannot_remove_their_own_administrator_role()
    {
        var site = shared.Site;
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var id = await site.App.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync("admin"))!.Id);

        var page = await admin.GetStringAsync($"/admin/users/{id}");
        using var response = await admin.PostAsync($"/admin/users/{id}?handler=Save", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["email"] = "admin@example.com",
            ["roles"] = "Editor",
            ["enabled"] = "true",
            ["__RequestVerificationToken"] = Token(page),
        }));

        Assert.Contains("You cannot remove your own Administrator role", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var roles = await site.App.InScopeAsync(async sp =>
        {
            var users = sp.GetRequiredService<UserManager<IdentityUser>>();
            return await users.GetRolesAsync((await users.FindByNameAsync("admin"))!);
        });
        Assert.Contains("Administrator", roles);
    }

    [Fact]
    public async Task A_shared_part_with_a_field_is_attached_to_a_type_and_part_settings_are_checked()
    {
        var site = shared.Site;
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);

        await PostFormAsync(admin, "/admin/parts", "/admin/parts?handler=Create", new() { ["partName"] = "SeoPart" });
        await PostFormAsync(admin, "/admin/parts/SeoPart", "/admin/parts/SeoPart?handler=AddField", new() { ["field"] = "MetaTitle", ["displayName"] = "Meta title", ["kind"] = "TextField" });
        await PostFormAsync(admin, "/admin/types/Article", "/admin/types/Article?handler=AddPart", new() { ["part"] = "SeoPart" });
        using var badPattern = await PostFormAsync(admin, "/admin/types/Article", "/admin/types/Article?handler=PartSettings",
            new() { ["part"] = "AutoroutePart", ["pattern"] = "{{ ContentItem.DisplayText | slugify", ["allowCustomPath"] = "true" });
        var editor = await admin.GetStringAsync($"/admin/content/{ClinicIds.Article}/edit");

        Assert.Contains("The pattern is not valid Liquid", await badPattern.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("Meta title", editor, StringComparison.Ordinal);
        var graphql = new GraphQL.GraphQLClient(site.WithToken(await site.TokenAsync("reader-app", "Reader-app-secret-1")));
        var data = await graphql.DataAsync("{ article { seo { metaTitle } } }");
        Assert.NotNull(data["article"]![0]!["seo"]);
    }

    private static async Task<HttpResponseMessage> PostFormAsync(HttpClient http, string page, string action, Dictionary<string, string> values)
    {
        values["__RequestVerificationToken"] = Token(await http.GetStringAsync(page));
        return await http.PostAsync(action, new FormUrlEncodedContent(values));
    }

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient http, string fileName, string content)
    {
        var page = await http.GetStringAsync("/admin/media");
        using var form = new MultipartFormDataContent
        {
            { new StringContent(Token(page)), "__RequestVerificationToken" },
            { new StringContent(""), "folder" },
            { new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(content)), "files", fileName },
        };
        return await http.PostAsync("/admin/media?handler=Upload", form);
    }

    private static string Token(string page) => SecuredSite.AntiforgeryToken(page);

}
