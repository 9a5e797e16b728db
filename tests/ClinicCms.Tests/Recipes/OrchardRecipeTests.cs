using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Recipes.Export;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Recipes;

/// <summary>
/// Orchard Core's own recipes (read from ../shared at test time, never copied here) import into a fresh site,
/// keep every part, field and setting ClinicCms does not understand, and export to a recipe that re-imports to
/// the same content. Each site is a new database on the services the <c>recipe run</c> command uses
/// (<see cref="CoreSite"/>): a recipe import needs a fresh site, not a web server.
/// </summary>
public sealed class OrchardRecipeTests
{
    private static readonly JsonDocumentOptions Lenient = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    public static TheoryData<string> Recipes =>
    [
        "blog.recipe.json", "headless.recipe.json", "blank.recipe.json", "agency.recipe.json", "comingsoon.recipe.json",
        "migrations.recipe.json", "DynamicContentTypeQueryTest.recipe.json", "openid-app-recipe1.json", "openid-app-recipe2.json",
        "openid-app-recipe3.json", "openid-scope-recipe.json",
    ];

    [Theory]
    [MemberData(nameof(Recipes))]
    public async Task An_orchard_recipe_imports_without_loss_and_its_export_reimports_to_the_same_content(string fileName)
    {
        var path = RepositoryFiles.Shared($"orchard-recipes/{fileName}");
        var recipe = JsonNode.Parse(await File.ReadAllTextAsync(path), documentOptions: Lenient)!.AsObject();

        await using var site = await CoreSite.StartAsync();
        // Orchard reads [file:text(...)] next to the recipe, in its theme's Recipes folder; in ../shared the folder
        // named after the recipe stands in for it (see its README).
        var snippets = Path.Combine(Path.GetDirectoryName(path)!, fileName.Split('.')[0]);
        var basePath = Directory.Exists(snippets) ? snippets : Path.GetDirectoryName(path)!;
        // These recipes take their media from the theme's wwwroot beside the Recipes folder ('../wwwroot/...'). A
        // recipe here reads files only inside its own folder, so the media step is an error, and the recipe is also
        // run without its media steps.
        using var work = new TempFolder();
        if (Steps(recipe, "media").Any())
        {
            var failure = await Assert.ThrowsAsync<ClinicCms.Recipes.RecipeException>(() => site.RunRecipeAsync(path, basePath));
            Assert.Contains(failure.Errors, e => e.Message.StartsWith("'../wwwroot/", StringComparison.Ordinal) && e.Message.Contains("outside the recipe's folder", StringComparison.Ordinal));
            var withoutMedia = recipe.DeepClone().AsObject();
            var steps = withoutMedia["steps"]!.AsArray();
            foreach (var step in steps.Where(s => string.Equals(s!["name"]?.GetValue<string>(), "media", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                steps.Remove(step);
            }
            path = work.File(fileName);
            await File.WriteAllTextAsync(path, withoutMedia.ToJsonString());
        }
        var report = await site.RunRecipeAsync(path, basePath);
        var export = await ExportAsync(site);

        AssertDefinitionsKept(recipe, export);
        AssertItemsKept(recipe, export);
        Assert.Equal(ContentItems(recipe).Count, report.ItemsCreated);

        var exportFile = work.File("export.recipe.json");
        await File.WriteAllTextAsync(exportFile, export.ToJsonString());
        await using var copy = await CoreSite.StartAsync();
        await copy.RunRecipeAsync(exportFile);
        var reexport = await ExportAsync(copy);

        Assert.Equal(Step(export, "ContentDefinition").ToJsonString(), Step(reexport, "ContentDefinition").ToJsonString());
        Assert.Equal(Step(export, "Content").ToJsonString(), Step(reexport, "Content").ToJsonString());
    }

    private static void AssertDefinitionsKept(JsonObject recipe, JsonObject export)
    {
        var exported = Step(export, "ContentDefinition");
        foreach (var step in Steps(recipe, "ContentDefinition"))
        {
            foreach (var type in step["ContentTypes"]?.AsArray() ?? [])
            {
                var stored = Named(exported["ContentTypes"]!, type!["Name"]!.GetValue<string>());
                if (!string.IsNullOrEmpty(type["DisplayName"]?.GetValue<string>()))
                {
                    Assert.Null(JsonCoverage.Missing(type["DisplayName"], stored["DisplayName"], $"{stored["Name"]}.DisplayName"));
                    Assert.Null(JsonCoverage.Missing(type["Settings"], stored["Settings"], $"{stored["Name"]}.Settings"));
                }
                foreach (var part in type["ContentTypePartDefinitionRecords"]?.AsArray() ?? [])
                {
                    var storedPart = Named(stored["ContentTypePartDefinitionRecords"]!, part!["Name"]!.GetValue<string>());
                    Assert.Equal(part["PartName"]!.GetValue<string>(), storedPart["PartName"]!.GetValue<string>());
                    Assert.Null(JsonCoverage.Missing(part["Settings"], storedPart["Settings"], $"{stored["Name"]}.{part["Name"]}.Settings"));
                }
            }
            foreach (var part in step["ContentParts"]?.AsArray() ?? [])
            {
                var stored = Named(exported["ContentParts"]!, part!["Name"]!.GetValue<string>());
                Assert.Null(JsonCoverage.Missing(part["Settings"], stored["Settings"], $"{stored["Name"]}.Settings"));
                foreach (var field in part["ContentPartFieldDefinitionRecords"]?.AsArray() ?? [])
                {
                    var storedField = Named(stored["ContentPartFieldDefinitionRecords"]!, field!["Name"]!.GetValue<string>());
                    Assert.Equal(field["FieldName"]!.GetValue<string>(), storedField["FieldName"]!.GetValue<string>());
                    Assert.Null(JsonCoverage.Missing(field["Settings"], storedField["Settings"], $"{stored["Name"]}.{field["Name"]}.Settings"));
                }
            }
        }
    }

    private static void AssertItemsKept(JsonObject recipe, JsonObject export)
    {
        var stored = Step(export, "Content")["data"]!.AsArray().Select(n => n!.AsObject()).ToList();
        foreach (var item in ContentItems(recipe))
        {
            var parts = new JsonObject(item.Where(p => p.Value is JsonObject or JsonArray).Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone())));
            var problems = stored.Where(s => s["ContentType"]!.GetValue<string>() == item["ContentType"]!.GetValue<string>())
                .Select(s => JsonCoverage.Missing(parts, s)).ToList();
            Assert.True(problems.Contains(null), $"{item["ContentType"]} '{item["DisplayText"]}' lost data: {string.Join("; ", problems)}");
        }
    }

    private static List<JsonObject> ContentItems(JsonObject recipe) =>
        Steps(recipe, "content").SelectMany(s => (s["data"] ?? s["Data"])!.AsArray()).Select(n => n!.AsObject()).ToList();

    private static IEnumerable<JsonObject> Steps(JsonObject recipe, string name) =>
        recipe["steps"]!.AsArray().Select(s => s!.AsObject()).Where(s => string.Equals(s["name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase));

    private static JsonObject Step(JsonObject recipe, string name) => Assert.Single(Steps(recipe, name));

    private static JsonObject Named(JsonNode list, string name) =>
        list.AsArray().Select(n => n!.AsObject()).FirstOrDefault(n => n["Name"]?.GetValue<string>() == name)
            ?? throw new Xunit.Sdk.XunitException($"'{name}' is missing from the export");

    private static Task<JsonObject> ExportAsync(CoreSite site) => site.InScopeAsync(async sp =>
    {
        using var output = new MemoryStream();
        await sp.GetRequiredService<RecipeExporter>().ExportAsync(output);
        return JsonNode.Parse(output.ToArray())!.AsObject();
    });
}
