using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Import;
using ClinicCms.Content.Localization;
using ClinicCms.Content.Validation;

namespace ClinicCms.Recipes.Steps;

/// <summary>
/// Orchard's content step: items are validated against the definitions as they stand at this step, then
/// imported with Orchard's version-id semantics through the same importer the admin uses.
/// </summary>
public sealed class ContentStep(ContentImporter importer, ContentFieldKinds fieldKinds) : IRecipeStep
{
    public string Name => "Content";

    /// <summary>The step's items; <c>CheckedNew[i]</c> is item i as parsed and validated when its version was new, else null.</summary>
    private sealed record Planned(List<JsonObject> Items, List<int> Indexes, List<ContentItem?> CheckedNew, ContentDefinitionSet Definitions);

    public async Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var data = step.Property("data");
        if (data is not JsonArray array)
        {
            step.Error("data", data is null ? "required: the array of content items" : "expected an array of content items");
            return;
        }
        var definitions = step.Run.Definitions.Copy();
        var cultures = LocalizationSettings.From(step.Run.Settings); // as this recipe's Settings steps left them
        using var settingsReadOnce = SettingsExtensions.ReadOnce();
        var planned = new Planned([], [], [], definitions);
        // A version that exists is merged into the stored one on import (Orchard's rule): check it as it will be saved.
        var versionIds = array.OfType<JsonObject>().Select(j => j["ContentItemVersionId"]).OfType<JsonValue>()
            .Select(v => v.TryGetValue<string>(out var id) ? id : "").ToList();
        var stored = await importer.FindStoredAsync(versionIds, cancellationToken);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject json)
            {
                step.Error($"data[{i}]", $"expected a content item object, got {ContentItemJson.Describe(array[i])}");
                continue;
            }
            var (errors, checkedNew) = Check(json, definitions, stored, cultures);
            foreach (var error in errors)
            {
                step.Error(error.Path.Length == 0 ? $"data[{i}]" : $"data[{i}].{error.Path}", error.Message);
            }
            planned.Items.Add(json);
            planned.Indexes.Add(i);
            planned.CheckedNew.Add(checkedNew);
        }
        step.State = planned;
    }

    public async Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var planned = (Planned)step.State!;
        var progress = step.Run.Progress is { } report && planned.Items.Count > 1000
            ? new Progress<int>(done => report.Report($"steps[{step.Index}] ({step.Name}): {done} of {planned.Items.Count} items"))
            : null;
        // The plan checked every item (the run stops before applying otherwise): the items it parsed as new are handed on.
        var items = new List<ImportItem>(planned.Items.Count);
        for (var i = 0; i < planned.Items.Count; i++)
        {
            items.Add(planned.CheckedNew[i] is { } item ? new ImportItem(item, CheckedAsNew: true) : new ImportItem(ContentItemJson.FromJson(planned.Items[i]), CheckedAsNew: false));
            planned.CheckedNew[i] = null;
        }
        var result = await importer.ImportAsync(items, planned.Definitions, step.Run.User, progress,
            LocalizationSettings.From(step.Run.Settings), cancellationToken);
        foreach (var (index, error) in result.Errors)
        {
            var path = $"data[{planned.Indexes[index]}]";
            step.Error(error.Path.Length == 0 ? path : $"{path}.{error.Path}", error.Message);
        }
        step.Run.Report.ItemsCreated += result.Created;
        step.Run.Report.ItemsUpdated += result.Updated;
        step.Run.Report.ItemsUnchanged += result.Unchanged;
    }

    /// <summary>The item's errors, and the item as parsed when its version is new and it has none.</summary>
    private (List<ContentError> Errors, ContentItem? CheckedNew) Check(JsonObject json, ContentDefinitionSet definitions, Dictionary<string, ContentItem> stored, LocalizationSettings? cultures)
    {
        ContentItem item;
        try
        {
            item = ContentItemJson.FromJson(json);
        }
        catch (ContentJsonException e)
        {
            return ([new ContentError(e.Path, e.Problem)], null);
        }
        if (string.IsNullOrEmpty(item.ContentItemId))
        {
            return ([new ContentError("ContentItemId", "required: every imported item needs a ContentItemId")], null);
        }
        var isNew = !stored.TryGetValue(item.ContentItemVersionId, out var existing);
        var checkedItem = isNew ? item : ImportMerge.Merge(existing!, item);
        var errors = ContentValidator.Validate(checkedItem, definitions, fieldKinds);
        if (errors.Count == 0)
        {
            errors = CultureRules.Check(checkedItem, definitions, cultures);
        }
        return (errors, isNew && errors.Count == 0 ? item : null);
    }
}
