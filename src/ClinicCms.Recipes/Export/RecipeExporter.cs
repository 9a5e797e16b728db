using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Queries;
using ClinicCms.Content.Security;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;

namespace ClinicCms.Recipes.Export;

/// <summary>
/// Writes the site as an Orchard recipe: a ContentDefinition step with every type and part (settings ClinicCms
/// does not understand included) and a Content step with the published and latest version of every item. A whole
/// site's export also carries its roles and site settings, so it moves a site (SQLite to PostgreSQL, say) whole.
/// </summary>
public sealed class RecipeExporter(ContentDefinitionStore definitions, ContentExportReader reader, RoleStore roles, SiteDocumentStore documents, TimeProvider clock,
    Content.Webhooks.WebhookStore webhooks)
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
            // Reviewers' comments and names stay with the editors: an export is often shared beyond them.
            var json = ContentItemJson.ToJson(item);
            json.Remove(ReviewRecord.PartName);
            data.Add(json);
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
        if (types is null)
        {
            var steps = recipe["steps"]!.AsArray();
            steps.Insert(0, await RolesStepAsync(cancellationToken));
            if (await SettingsStepAsync(cancellationToken) is { } settings)
            {
                steps.Insert(0, settings);
            }
            if (await WebhooksStepAsync(cancellationToken) is { } hooks)
            {
                steps.Add(hooks);
            }
        }
        await using var writer = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = WriteOptions.Encoder });
        recipe.WriteTo(writer, WriteOptions);
        await writer.FlushAsync(cancellationToken);
        return data.Count;
    }

    // Replace, so that the imported roles hold exactly the exported permissions, system roles included.
    private async Task<JsonObject> RolesStepAsync(CancellationToken cancellationToken) => new()
    {
        ["name"] = "Roles",
        ["Roles"] = new JsonArray((await roles.ListAsync(cancellationToken)).Select(r => (JsonNode)new JsonObject
        {
            ["Name"] = r.Name,
            ["Description"] = r.Description ?? "",
            ["PermissionBehavior"] = "Replace",
            ["Permissions"] = new JsonArray(r.Permissions.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
        }).ToArray()),
    };

    // Secrets stay on the site: an export is often shared, and an import keeps a stored webhook's secret.
    private async Task<JsonObject?> WebhooksStepAsync(CancellationToken cancellationToken)
    {
        var list = await webhooks.ListAsync(cancellationToken);
        return list.Count == 0 ? null : new JsonObject
        {
            ["name"] = "Webhooks",
            ["Webhooks"] = new JsonArray([.. list.Select(w => (JsonNode)new JsonObject
            {
                ["Name"] = w.Name,
                ["Url"] = w.Url,
                ["Events"] = new JsonArray([.. w.EventList.Select(e => (JsonNode)JsonValue.Create(e)!)]),
                ["ContentTypes"] = new JsonArray([.. w.ContentTypeList.Select(t => (JsonNode)JsonValue.Create(t)!)]),
                ["Enabled"] = w.Enabled,
            })]),
        };
    }

    private async Task<JsonObject?> SettingsStepAsync(CancellationToken cancellationToken)
    {
        var document = await documents.FindAsync(SiteDocumentNames.Settings, cancellationToken);
        if (document is null || JsonNode.Parse(document.Content) is not JsonObject settings || settings.Count == 0)
        {
            return null;
        }
        var step = new JsonObject { ["name"] = "Settings" };
        foreach (var (key, value) in settings)
        {
            step[key] = value?.DeepClone();
        }
        return step;
    }
}
