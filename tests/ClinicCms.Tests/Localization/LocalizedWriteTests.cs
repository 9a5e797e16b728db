using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Recipes;
using ClinicCms.Tests.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Localization;

/// <summary>
/// Writing localized items: the culture must be one of the site's and a culture name at all, a path names one item
/// whatever its culture, and a recipe with a culture the site lacks is refused whole. The tests use paths of their own.
/// </summary>
public sealed class LocalizedWriteTests(LocalizedWriteSite shared) : IClassFixture<LocalizedWriteSite>
{
    private static JsonObject Article(string title, string path, string? culture, string? set)
    {
        var article = new JsonObject
        {
            ["ContentType"] = "Article",
            ["TitlePart"] = new JsonObject { ["Title"] = title },
            ["AutoroutePart"] = new JsonObject { ["Path"] = path },
            ["Article"] = new JsonObject { ["Summary"] = new JsonObject { ["Text"] = "x" } },
        };
        if (culture is not null || set is not null)
        {
            article["LocalizationPart"] = new JsonObject { ["Culture"] = culture, ["LocalizationSet"] = set };
        }
        return article;
    }

    private async Task<HttpClient> EditorAsync() => shared.Site.WithToken(await shared.Site.TokenAsync("editor-app", "Editor-app-secret-1"));

    private async Task<int> CountAsync(string path)
    {
        using var http = await EditorAsync();
        var data = await new GraphQLClient(http).DataAsync("query ($p: String) { articleCount(where: { path: $p }) }", new { p = path });
        return data["articleCount"]!.GetValue<int>();
    }

    [Fact]
    public async Task An_english_and_a_spanish_article_of_one_set_have_paths_of_their_own_and_a_taken_path_is_refused_whatever_the_culture()
    {
        using var editor = await EditorAsync();
        var ct = TestContext.Current.CancellationToken;

        using var english = await editor.PostAsJsonAsync("/api/content", Article("Test welcome", "articles/test-welcome", "en-US", null), ct);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        var set = (await GraphQLClient.Parse(english))["LocalizationPart"]!["LocalizationSet"]!.GetValue<string>();
        Assert.False(string.IsNullOrEmpty(set)); // given a set of its own on creation
        using var spanish = await editor.PostAsJsonAsync("/api/content", Article("Bienvenida de prueba", "es/articulos/test-bienvenida", "es-US", set), ct);
        Assert.Equal(HttpStatusCode.OK, spanish.StatusCode);
        using var taken = await editor.PostAsJsonAsync("/api/content", Article("Otra de prueba", "articles/test-welcome", "es-US", set), ct);

        Assert.Equal(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.Contains("the path 'articles/test-welcome' is already in use", await taken.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        var data = await new GraphQLClient(editor).DataAsync("""
            query ($set: String) { article(where: { localizationPart: { localizationSet: $set } }, orderBy: { path: ASC }) { path localizationPart { culture } } }
            """, new { set });
        Assert.Equal("""[{"path":"articles/test-welcome","localizationPart":{"culture":"en-US"}},{"path":"es/articulos/test-bienvenida","localizationPart":{"culture":"es-US"}}]""",
            data["article"]!.ToJsonString());
    }

    [Fact]
    public async Task An_item_without_a_culture_gets_the_default_one()
    {
        using var editor = await EditorAsync();
        using var created = await editor.PostAsJsonAsync("/api/content", Article("Test default culture", "articles/test-default-culture", null, null), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        Assert.Equal("en-US", (await GraphQLClient.Parse(created))["LocalizationPart"]!["Culture"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_culture_the_site_lacks_is_a_400_naming_it_and_nothing_is_saved()
    {
        using var editor = await EditorAsync();
        var ct = TestContext.Current.CancellationToken;
        using var french = await editor.PostAsJsonAsync("/api/content", Article("Test french", "articles/test-french", "fr-FR", null), ct);

        Assert.Equal(HttpStatusCode.BadRequest, french.StatusCode);
        Assert.Contains("LocalizationPart.Culture: the culture 'fr-FR' is not one of the site's cultures (en-US, es-US)", await french.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("articles/test-french"));
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("español")]
    [InlineData("en-US\u200B")]
    public async Task A_malformed_culture_is_a_400_naming_the_problem_and_nothing_is_saved(string culture)
    {
        using var editor = await EditorAsync();
        var ct = TestContext.Current.CancellationToken;
        var path = $"articles/test-bad-{culture.Length}-{(int)culture[0]}";
        using var bad = await editor.PostAsJsonAsync("/api/content", Article("Test bad culture", path, culture, null), ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var answer = await bad.Content.ReadAsStringAsync(ct);
        Assert.Contains("LocalizationPart.Culture", answer, StringComparison.Ordinal);
        Assert.Contains("is not a culture name", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", answer, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(path));
    }

    [Fact]
    public async Task A_huge_culture_is_a_400()
    {
        using var editor = await EditorAsync();
        var ct = TestContext.Current.CancellationToken;
        using var huge = await editor.PostAsJsonAsync("/api/content", Article("Test huge culture", "articles/test-huge-culture", new string('e', 100_000), null), ct);

        Assert.Equal(HttpStatusCode.BadRequest, huge.StatusCode);
        Assert.Contains("is not a culture name", await huge.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("articles/test-huge-culture"));
    }

    [Fact]
    public async Task A_recipe_item_without_a_localization_part_gets_a_set_and_the_default_culture_and_its_next_version_keeps_them()
    {
        static string Recipe(string title) => $$"""
            { "steps": [ { "name": "content", "data": [
                { "ContentItemId": "l10nrecipebare00000000001", "ContentType": "Article", "Published": true, "Latest": true,
                  "TitlePart": { "Title": "{{title}}" }, "AutoroutePart": { "Path": "articles/test-recipe-bare" }, "Article": { "Summary": { "Text": "x" } } } ] } ] }
            """;

        await shared.Site.App.RunRecipeTextAsync(Recipe("Test recipe bare"), "bare.recipe.json");
        var first = await RowAsync();
        await shared.Site.App.RunRecipeTextAsync(Recipe("Test recipe bare, again"), "bare-again.recipe.json");
        var second = await RowAsync();

        Assert.Equal("en-US", first.Culture);
        Assert.False(string.IsNullOrEmpty(first.LocalizationSet));
        Assert.Equal(("en-US", first.LocalizationSet), (second.Culture, second.LocalizationSet));

        Task<(string? Culture, string? LocalizationSet)> RowAsync() => shared.Site.App.InScopeAsync(async sp =>
        {
            var row = await sp.GetRequiredService<ClinicCms.Content.Store.ClinicCmsDbContext>().ContentItems
                .SingleAsync(r => r.ContentItemId == "l10nrecipebare00000000001" && r.Latest);
            return (row.Culture, row.LocalizationSet);
        });
    }

    [Fact]
    public async Task A_recipe_with_an_item_in_a_culture_the_site_lacks_is_refused_whole()
    {
        var recipe = """
            { "steps": [ { "name": "content", "data": [
                { "ContentItemId": "l10nrecipeok00000000000001", "ContentType": "Article", "Published": true, "Latest": true,
                  "TitlePart": { "Title": "Test recipe ok" }, "AutoroutePart": { "Path": "articles/test-recipe-ok" }, "Article": { "Summary": { "Text": "x" } },
                  "LocalizationPart": { "LocalizationSet": "l10nrecipeset0000000000001", "Culture": "en-US" } },
                { "ContentItemId": "l10nrecipefr00000000000001", "ContentType": "Article", "Published": true, "Latest": true,
                  "TitlePart": { "Title": "Test recipe french" }, "AutoroutePart": { "Path": "articles/test-recipe-french" }, "Article": { "Summary": { "Text": "x" } },
                  "LocalizationPart": { "LocalizationSet": "l10nrecipeset0000000000001", "Culture": "fr-FR" } } ] } ] }
            """;

        var error = await Assert.ThrowsAsync<RecipeException>(() => shared.Site.App.RunRecipeTextAsync(recipe, "french.recipe.json"));

        Assert.Contains("data[1].LocalizationPart.Culture: the culture 'fr-FR' is not one of the site's cultures", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("articles/test-recipe-ok"));
    }

    [Fact]
    public async Task Malformed_localization_settings_in_a_recipe_are_refused()
    {
        var error = await Assert.ThrowsAsync<RecipeException>(() => shared.Site.App.RunRecipeTextAsync("""
            { "steps": [ { "name": "Settings", "LocalizationSettings": { "DefaultCulture": "../x", "SupportedCultures": ["en-US", "<b>"] } } ] }
            """, "bad-cultures.recipe.json"));

        Assert.Contains("LocalizationSettings.DefaultCulture: '../x' is not a culture name", error.Message, StringComparison.Ordinal);
        Assert.Contains("LocalizationSettings.SupportedCultures[1]", error.Message, StringComparison.Ordinal);
    }
}
