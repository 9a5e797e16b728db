using System.Text.Json.Nodes;
using ClinicCms.Recipes.Export;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Recipes;

/// <summary>Export then import into an empty site reproduces the content, including what ClinicCms does not understand.</summary>
public sealed class ExportImportTests
{
    private static string UnknownParts => Path.Combine(AppContext.BaseDirectory, "Recipes", "Files", "unknown-parts.recipe.json");

    [Fact]
    public async Task An_export_imports_into_an_empty_site_to_the_same_content()
    {
        await using var source = await StoreSite.CreateAsync();
        await source.RunRecipeAsync(RepositoryFiles.ClinicRecipe);
        await source.RunRecipeAsync(UnknownParts);
        var export = await ExportAsync(source);

        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("site.recipe.json"), export);
        await using var target = await StoreSite.CreateAsync();
        var report = await target.RunRecipeAsync(folder.File("site.recipe.json"));

        Assert.Equal(11, report.ItemsCreated);
        Assert.Equal(Steps(export), Steps(await ExportAsync(target)));
    }

    [Fact]
    public async Task Parts_fields_and_settings_clinic_cms_does_not_understand_are_kept_verbatim()
    {
        await using var site = await StoreSite.CreateAsync();
        await site.RunRecipeAsync(UnknownParts);
        var export = JsonNode.Parse(await ExportAsync(site))!;

        var definition = export["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "ContentDefinition")!;
        var landing = definition["ContentTypes"]!.AsArray().Single(t => t!["Name"]!.GetValue<string>() == "Landing")!;
        Assert.Equal("""{"Palette":["teal","sand"],"Hero":{"Height":420}}""", landing["Settings"]!["FancyThemeSettings"]!.ToJsonString());
        Assert.Equal("BagPart", landing["ContentTypePartDefinitionRecords"]![1]!["PartName"]!.GetValue<string>());
        var fields = definition["ContentParts"]!.AsArray().Single(p => p!["Name"]!.GetValue<string>() == "Landing")!["ContentPartFieldDefinitionRecords"]!;
        Assert.Equal("en-GB", fields[2]!["Settings"]!["SpellcheckSettings"]!["Language"]!.GetValue<string>());

        var items = export["steps"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == "Content")!["data"]!.AsArray();
        Assert.Equal(2, items.Count);
        var published = items.Single(i => i!["Published"]!.GetValue<bool>())!;
        Assert.Equal(51.5m, published["Landing"]!["Location"]!["Latitude"]!.GetValue<decimal>());
        Assert.Equal("Intro", published["Sections"]!["ContentItems"]![0]!["DisplayText"]!.GetValue<string>());
        Assert.Equal(26, published["Sections"]!["ContentItems"]![0]!["ContentItemId"]!.GetValue<string>().Length);
        Assert.Equal("""[{"Name":"x","Content":"y"}]""", published["SeoMetaPart"]!["CustomMetaTags"]!.ToJsonString());
        var draft = items.Single(i => !i!["Published"]!.GetValue<bool>())!;
        Assert.Equal("Care, closer", draft["Landing"]!["Tagline"]!["Text"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_sqlite_site_moves_to_postgres_whole_through_export_and_import()
    {
        await using var sqlite = await StoreSite.CreateSqliteAsync();
        await sqlite.RunRecipeAsync(RepositoryFiles.ClinicRecipe);
        await sqlite.RunRecipeTextAsync("""
            { "steps": [
              { "name": "Roles", "Roles": [ { "Name": "FrontDesk", "Description": "Reception staff", "Permissions": [ "ViewContent", "PreviewContent" ] } ] },
              { "name": "Settings", "HomeRoute": { "Action": "Display", "ContentItemId": "nh7bd7gx046qaj9thkj7tmbnjt" }, "SiteName": "Clinic" } ] }
            """, "extras.recipe.json");
        var export = await ExportAsync(sqlite);

        using var folder = new TempFolder();
        await File.WriteAllTextAsync(folder.File("site.recipe.json"), export);
        await using var postgres = await StoreSite.CreatePostgresAsync();
        await postgres.RunRecipeAsync(folder.File("site.recipe.json"));
        var steps = JsonNode.Parse(export)!["steps"]!.AsArray();
        var moved = JsonNode.Parse(await ExportAsync(postgres))!["steps"]!.AsArray();

        Assert.Equal(["Settings", "Roles", "ContentDefinition", "Content"], steps.Select(s => s!["name"]!.GetValue<string>()));
        Assert.Contains(steps[1]!["Roles"]!.AsArray(), r => r!["Name"]!.GetValue<string>() == "FrontDesk");
        // PostgreSQL keeps item JSON as jsonb, which orders keys its own way; the content is the same.
        Assert.Equal(steps.Count, moved.Count);
        for (var i = 0; i < steps.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(steps[i], moved[i]), $"step {i} ({steps[i]!["name"]}) differs after the move");
        }
    }

    private static Task<string> ExportAsync(StoreSite site) => site.InScopeAsync(async sp =>
    {
        using var output = new MemoryStream();
        await sp.GetRequiredService<RecipeExporter>().ExportAsync(output);
        return System.Text.Encoding.UTF8.GetString(output.ToArray());
    });

    private static string Steps(string export) => JsonNode.Parse(export)!["steps"]!.ToJsonString();
}
