using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using ClinicCms.Recipes;
using ClinicCms.Tests.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Localization;

/// <summary>
/// One item per culture per localization set, on every write path: REST, a recipe, racing Translates, clone; and the
/// database itself refuses a second item. Localization set ids are checked for shape. The tests use paths of their own.
/// </summary>
public sealed class CultureSlotTests(LocalizedWriteSite shared) : IClassFixture<LocalizedWriteSite>
{
    private static JsonObject Article(string title, string path, string culture, string? set) => new()
    {
        ["ContentType"] = "Article",
        ["TitlePart"] = new JsonObject { ["Title"] = title },
        ["AutoroutePart"] = new JsonObject { ["Path"] = path, ["SetHomepage"] = false }, // a clone gets a path of its own
        ["Article"] = new JsonObject { ["Summary"] = new JsonObject { ["Text"] = "x" } },
        ["LocalizationPart"] = new JsonObject { ["Culture"] = culture, ["LocalizationSet"] = set },
    };

    private async Task<HttpClient> EditorAsync() => shared.Site.WithToken(await shared.Site.TokenAsync("editor-app", "Editor-app-secret-1"));

    private Task<List<string>> ItemsInAsync(string set, string culture) => shared.Site.App.InScopeAsync(sp =>
        sp.GetRequiredService<ClinicCmsDbContext>().ContentItems
            .Where(r => r.LocalizationSet == set && r.Culture == culture && (r.Latest || r.Published))
            .Select(r => r.ContentItemId).Distinct().ToListAsync());

    private Task<int> CountAsync(string path) => shared.Site.App.InScopeAsync(sp =>
        sp.GetRequiredService<ClinicCmsDbContext>().ContentItems.CountAsync(r => r.Path == path));

    private static async Task<string> CreateEnglishAsync(HttpClient editor, string path)
    {
        using var english = await editor.PostAsJsonAsync("/api/content", Article("Test slot english", path, "en-US", null), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        return (await GraphQLClient.Parse(english))["LocalizationPart"]!["LocalizationSet"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_second_item_in_a_culture_of_a_set_is_a_400_naming_the_set_and_culture_through_rest_and_nothing_is_saved()
    {
        using var editor = await EditorAsync();
        var ct = TestContext.Current.CancellationToken;
        var set = await CreateEnglishAsync(editor, "articles/test-slot-rest");
        using var spanish = await editor.PostAsJsonAsync("/api/content", Article("Prueba uno", "es/articulos/test-slot-uno", "es-US", set), ct);
        Assert.Equal(HttpStatusCode.OK, spanish.StatusCode);

        using var second = await editor.PostAsJsonAsync("/api/content", Article("Prueba dos", "es/articulos/test-slot-dos", "es-US", set), ct);

        Assert.Equal(HttpStatusCode.BadRequest, second.StatusCode);
        Assert.Contains($"the localization set '{set}' has an item in es-US already", await second.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("es/articulos/test-slot-dos"));
        Assert.Single(await ItemsInAsync(set, "es-US"));
    }

    [Fact]
    public async Task A_writer_who_may_edit_only_own_items_cannot_put_one_into_a_set_holding_others_items()
    {
        var ct = TestContext.Current.CancellationToken;
        using var editor = await EditorAsync();
        var set = await CreateEnglishAsync(editor, "articles/test-slot-others");
        using var author = shared.Site.WithToken(await shared.Site.TokenAsync("article-author-app", "Article-author-secret-1"));

        using var joining = await author.PostAsJsonAsync("/api/content?draft=true", Article("Prueba ajena", "es/articulos/test-slot-ajena", "es-US", set), ct);
        var joiningBody = await joining.Content.ReadAsStringAsync(ct);
        using var ownSet = await author.PostAsJsonAsync("/api/content?draft=true", Article("Prueba propia", "es/articulos/test-slot-propia", "es-US", null), ct);

        Assert.Equal(HttpStatusCode.BadRequest, joining.StatusCode);
        Assert.Contains($"the localization set '{set}' holds items you may not edit", joiningBody, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("es/articulos/test-slot-ajena"));
        Assert.Empty(await ItemsInAsync(set, "es-US"));
        Assert.Equal(HttpStatusCode.OK, ownSet.StatusCode); // a set of its own is fine
    }

    [Fact]
    public async Task A_recipe_with_two_items_in_one_culture_of_a_set_is_refused_whole()
    {
        var recipe = """
            { "steps": [ { "name": "content", "data": [
                { "ContentItemId": "slotrecipeen00000000000001", "ContentType": "Article", "Published": true, "Latest": true,
                  "TitlePart": { "Title": "Test slot recipe" }, "AutoroutePart": { "Path": "articles/test-slot-recipe" }, "Article": { "Summary": { "Text": "x" } },
                  "LocalizationPart": { "LocalizationSet": "slotrecipeset0000000000001", "Culture": "en-US" } },
                { "ContentItemId": "slotrecipeen00000000000002", "ContentType": "Article", "Published": true, "Latest": true,
                  "TitlePart": { "Title": "Test slot recipe, twice" }, "AutoroutePart": { "Path": "articles/test-slot-recipe-twice" }, "Article": { "Summary": { "Text": "x" } },
                  "LocalizationPart": { "LocalizationSet": "slotrecipeset0000000000001", "Culture": "en-US" } } ] } ] }
            """;

        var error = await Assert.ThrowsAsync<RecipeException>(() => shared.Site.App.RunRecipeTextAsync(recipe, "slots.recipe.json"));

        Assert.Contains("data[1].LocalizationPart.Culture: the localization set 'slotrecipeset0000000000001' has an item in en-US already", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync("articles/test-slot-recipe"));
        Assert.Empty(await ItemsInAsync("slotrecipeset0000000000001", "en-US"));
    }

    [Fact]
    public async Task Two_concurrent_translates_into_one_culture_make_one_item()
    {
        using var editor = await EditorAsync();
        var set = await CreateEnglishAsync(editor, "articles/test-slot-race");
        var english = (await ItemsInAsync(set, "en-US")).Single();

        var results = await Task.WhenAll(Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
            shared.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().TranslateAsync(english, "es-US", ContentUser.System)))));

        Assert.Single(results, r => r.Succeeded);
        var loser = Assert.Single(results, r => !r.Succeeded);
        Assert.True(loser.Errors.Any(e => e.Message.Contains($"the localization set '{set}' has an item in es-US already", StringComparison.Ordinal)), string.Join(" / ", loser.Errors.Select(e => e.ToString())));
        Assert.Single(await ItemsInAsync(set, "es-US"));
    }

    [Fact]
    public async Task The_database_refuses_a_second_latest_version_in_a_culture_of_a_set_written_past_the_checks()
    {
        using var editor = await EditorAsync();
        var set = await CreateEnglishAsync(editor, "articles/test-slot-database");

        var error = await Assert.ThrowsAsync<DbUpdateException>(() => shared.Site.App.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var row = await db.ContentItems.AsNoTracking().SingleAsync(r => r.LocalizationSet == set && r.Latest);
            row.Id = 0;
            row.ContentItemId = IdGenerator.NewId();
            row.ContentItemVersionId = IdGenerator.NewId();
            row.Path = "articles/test-slot-database-copy";
            db.ContentItems.Add(row);
            return await db.SaveChangesAsync();
        }));

        Assert.True(ClinicCms.Content.Localization.CultureSlot.IsViolation(error), error.ToString());
        Assert.Single(await ItemsInAsync(set, "en-US"));
    }

    [Fact]
    public async Task A_clone_starts_a_set_of_its_own()
    {
        using var editor = await EditorAsync();
        var set = await CreateEnglishAsync(editor, "articles/test-slot-clone");
        var english = (await ItemsInAsync(set, "en-US")).Single();

        var clone = await shared.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CloneAsync(english, ContentUser.System));

        Assert.True(clone.Succeeded, string.Join("; ", clone.Errors.Select(e => e.Message)));
        var cloneSet = clone.Item!.Parts["LocalizationPart"]!["LocalizationSet"]!.GetValue<string>();
        Assert.NotEqual(set, cloneSet);
        Assert.Single(await ItemsInAsync(set, "en-US"));
    }

    [Theory]
    [InlineData("<b>set</b>")]
    [InlineData("a set")]
    [InlineData("../../etc")]
    [InlineData("conjunto\u00f1")]
    [InlineData("abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzabcdefghijklm")]
    public async Task A_localization_set_id_that_is_not_an_id_is_a_400_naming_it_and_nothing_is_saved(string set)
    {
        using var editor = await EditorAsync();
        var ct = TestContext.Current.CancellationToken;
        var path = $"articles/test-slot-bad-{set.Length}-{(int)set[0]}";

        using var bad = await editor.PostAsJsonAsync("/api/content", Article("Test bad set", path, "en-US", set), ct);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var answer = await bad.Content.ReadAsStringAsync(ct);
        Assert.Contains("LocalizationPart.LocalizationSet", answer, StringComparison.Ordinal);
        Assert.Contains("is not a localization set id", answer, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>", answer, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(path));
    }
}
