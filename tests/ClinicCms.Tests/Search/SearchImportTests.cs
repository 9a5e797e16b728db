using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Import;
using ClinicCms.Content.Search;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using Microsoft.Extensions.DependencyInjection;
using static ClinicCms.Tests.Search.SearchSite;

namespace ClinicCms.Tests.Search;

/// <summary>
/// An import hands the versions it writes to search, which builds their documents before the commit: what is indexed
/// must still be each item's versions as the commit stores them.
/// </summary>
public sealed class SearchImportTests(SearchSite site) : IClassFixture<SearchSite>
{
    [Fact]
    public async Task Two_versions_of_one_item_in_one_recipe_are_indexed_as_published_and_as_draft()
    {
        const string recipe = """
            { "name": "two-versions", "steps": [ { "name": "content", "data": [
              { "ContentItemId": "4spi0000000000000000quokka", "ContentItemVersionId": "4spv000000000000000quokka1", "ContentType": "Page",
                "DisplayText": "Quokka care", "Latest": true, "Published": true, "TitlePart": { "Title": "Quokka care" },
                "HtmlBodyPart": { "Html": "<p>Published advice on marsupials.</p>" } },
              { "ContentItemId": "4spi0000000000000000quokka", "ContentItemVersionId": "4spv000000000000000quokka2", "ContentType": "Page",
                "DisplayText": "Quokka care", "Latest": true, "Published": false, "TitlePart": { "Title": "Quokka care" },
                "HtmlBodyPart": { "Html": "<p>Drafted advice on wallabies.</p>" } } ] } ] }
            """;
        var report = await site.App.RunRecipeTextAsync(recipe, "two-versions.recipe.json");
        Assert.Equal(2, report.ItemsCreated);
        var admin = await site.AdminAsync();

        var published = await SearchAsync(site.Anonymous(), "quokka");
        var publishedDraftWord = await SearchAsync(site.Anonymous(), "wallabies");
        var latest = await SearchAsync(admin, "quokka", ", status: LATEST");
        var latestPublishedWord = await SearchAsync(admin, "marsupials", ", status: LATEST");
        var latestDraftWord = await SearchAsync(admin, "wallabies", ", status: LATEST");

        Assert.Equal(["4spi0000000000000000quokka"], Ids(published));
        Assert.Contains("marsupials", published["items"]![0]!["snippet"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, publishedDraftWord["total"]!.GetValue<int>());
        Assert.Equal(["4spi0000000000000000quokka"], Ids(latest)); // once: the published version is not also the latest any more
        Assert.Equal(0, latestPublishedWord["total"]!.GetValue<int>());
        Assert.Equal(["4spi0000000000000000quokka"], Ids(latestDraftWord));
    }

    [Fact]
    public async Task A_version_imported_again_by_a_later_step_is_indexed_with_its_last_text()
    {
        static string Step(string word) => $$"""
            { "name": "content", "data": [
              { "ContentItemId": "4spi00000000000000000okapi", "ContentItemVersionId": "4spv00000000000000000okapi", "ContentType": "Page",
                "DisplayText": "Okapi", "Latest": true, "Published": true, "TitlePart": { "Title": "Okapi" },
                "HtmlBodyPart": { "Html": "<p>Okapi {{word}}.</p>" } } ] }
            """;
        var report = await site.App.RunRecipeTextAsync($$"""{ "name": "twice", "steps": [ {{Step("wombats")}}, {{Step("numbats")}} ] }""", "twice.recipe.json");
        Assert.Equal((1, 1), (report.ItemsCreated, report.ItemsUpdated)); // the second step rewrote the version in place

        var first = await SearchAsync(site.Anonymous(), "wombats");
        var last = await SearchAsync(site.Anonymous(), "numbats");

        Assert.Equal(0, first["total"]!.GetValue<int>());
        Assert.Equal(["4spi00000000000000000okapi"], Ids(last));
    }

    [Fact]
    public async Task A_version_an_editor_saves_after_its_import_in_the_same_transaction_is_indexed_as_saved()
    {
        var id = await site.App.InScopeAsync(async sp =>
        {
            var service = sp.GetRequiredService<ContentService>();
            await using var transaction = await sp.GetRequiredService<ContentUnitOfWork>().BeginAsync();
            var draft = Page("Burrow notes", "<p>Platypus habits.</p>");
            draft.ContentItemVersionId = IdGenerator.NewId();
            draft.Latest = true;
            var imported = await sp.GetRequiredService<ContentImporter>().ImportAsync(
                [new ImportItem(draft, CheckedAsNew: false)], await sp.GetRequiredService<ContentDefinitionStore>().GetAsync(), ContentUser.System);
            Assert.Empty(imported.Errors);
            var stored = (await service.GetAsync(draft.ContentItemId, VersionOptions.Latest))!;
            stored.Part("HtmlBodyPart")!["Html"] = "<p>Echidna habits.</p>";
            var saved = await service.SaveDraftAsync(stored, ContentUser.System);
            Assert.True(saved.Succeeded);
            Assert.Equal(draft.ContentItemVersionId, saved.Item!.ContentItemVersionId); // the same version, rewritten
            await transaction.CommitAsync();
            return draft.ContentItemId;
        });
        var admin = await site.AdminAsync();

        var imported = await SearchAsync(admin, "platypus", ", status: LATEST");
        var saved = await SearchAsync(admin, "echidna", ", status: LATEST");

        Assert.Equal(0, imported["total"]!.GetValue<int>());
        Assert.Equal([id], Ids(saved));
    }

    [Fact]
    public void A_texts_terms_are_its_words_terms_in_order_one_space_apart()
    {
        string[] texts =
        [
            "Infusions, given weekly: 3 sessions in 2 weeks!", "The patients' infusions and the clinic's rooms",
            "Los pacientes reciben tratamientos cada semana en la clínica", "cafe\u0301 na\u00efve \u05e9\u05dc\u05d5\u05dd \ud835\udc00bc \ud800 x\udc00y 中文 <p>&amp;</p>",
            "", "   ...   ", "UPPER lower MiXeD", new string('a', 70) + " tail",
        ];
        foreach (var language in SearchLanguage.All)
        {
            foreach (var text in texts)
            {
                Assert.Equal(string.Join(' ', language.Terms(text)), language.TermText(text));
            }
        }
    }
}
