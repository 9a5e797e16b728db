using System.Text.Json.Nodes;
using ClinicCms.Recipes.Export;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Localization;

/// <summary>The Orchard-format recipe with English and Spanish articles imports, and export writes it back unchanged.</summary>
public sealed class LocalizedRecipeTests(LocalizedRecipeTests.Site site) : IClassFixture<LocalizedRecipeTests.Site>
{
    public sealed class Site() : LocalizationSite(TestHost.ReaderConfiguration.SqlSqlite);

    [Fact]
    public async Task Export_writes_the_localized_items_and_the_site_cultures_back_as_the_recipe_had_them()
    {
        var app = await site.AppAsync();
        var export = JsonNode.Parse(await app.InScopeAsync(async sp =>
        {
            using var output = new MemoryStream();
            await sp.GetRequiredService<RecipeExporter>().ExportAsync(output, cancellationToken: TestContext.Current.CancellationToken);
            return System.Text.Encoding.UTF8.GetString(output.ToArray());
        }))!["steps"]!.AsArray();
        var recipe = JsonNode.Parse(await File.ReadAllTextAsync(LocalizationSite.Recipe, TestContext.Current.CancellationToken),
            documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;

        var settings = export.Single(s => (string?)s!["name"] == "Settings")!;
        Assert.Equal(recipe["steps"]![0]!["LocalizationSettings"]!.ToJsonString(), settings["LocalizationSettings"]!.ToJsonString());
        var exported = export.Where(s => ((string?)s!["name"])?.Equals("Content", StringComparison.OrdinalIgnoreCase) == true)
            .SelectMany(s => s!["data"]!.AsArray()).ToDictionary(i => (string)i!["ContentItemVersionId"]!);
        foreach (var item in recipe["steps"]![1]!["data"]!.AsArray())
        {
            var written = exported[(string)item!["ContentItemVersionId"]!]!;
            Assert.Equal(item["LocalizationPart"]!.ToJsonString(), written["LocalizationPart"]!.ToJsonString());
            Assert.Equal((bool)item["Published"]!, (bool)written["Published"]!);
            Assert.Equal(item["AutoroutePart"]!["Path"]!.ToJsonString(), written["AutoroutePart"]!["Path"]!.ToJsonString());
        }
    }
}
