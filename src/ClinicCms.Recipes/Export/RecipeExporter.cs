using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Queries;

namespace ClinicCms.Recipes.Export;

/// <summary>
/// Writes the site as an Orchard recipe: a ContentDefinition step with every type and part (settings ClinicCms
/// does not understand included) and a Content step with the published and latest version of every item.
/// </summary>
public sealed class RecipeExporter(ContentDefinitionStore definitions, ContentExportReader reader, TimeProvider clock)
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Writes the recipe; with <paramref name="types"/>, only those types, the parts they use, and their items.</summary>
    public async Task<int> ExportAsync(Stream output, IProgress<int>? progress = null, IReadOnlySet<string>? types = null, CancellationToken cancellationToken = default)
    {
        var record = await definitions.GetAsync(cancellationToken);
        if (types is not null)
        {
            record = record.Copy();
            record.Types.RemoveAll(t => !types.Contains(t.Name));
            var used = record.Types.SelectMany(t => t.Parts.Select(p => p.PartName)).ToHashSet();
            record.Parts.RemoveAll(p => !used.Contains(p.Name));
        }
        var data = new JsonArray();
        await foreach (var item in reader.ActiveVersionsAsync(cancellationToken))
        {
            if (types is not null && !types.Contains(item.ContentType))
            {
                continue;
            }
            data.Add(ContentItemJson.ToJson(item));
            if (data.Count % 1000 == 0)
            {
                progress?.Report(data.Count);
            }
        }
        var recipe = new JsonObject
        {
            ["name"] = "Export",
            ["displayName"] = "ClinicCms export",
            ["description"] = $"Content definitions and items exported on {clock.GetUtcNow():yyyy-MM-dd HH:mm} UTC",
            ["author"] = "",
            ["website"] = "",
            ["version"] = "1.0.0",
            ["issetuprecipe"] = false,
            ["categories"] = new JsonArray(),
            ["tags"] = new JsonArray(),
            ["steps"] = new JsonArray
            {
                new JsonObject
                {
                    ["name"] = "ContentDefinition",
                    ["ContentTypes"] = JsonSerializer.SerializeToNode(record.Types),
                    ["ContentParts"] = JsonSerializer.SerializeToNode(record.Parts),
                },
                new JsonObject { ["name"] = "Content", ["data"] = data },
            },
        };
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = WriteOptions.Encoder });
        recipe.WriteTo(writer, WriteOptions);
        await writer.FlushAsync(cancellationToken);
        return data.Count;
    }
}
