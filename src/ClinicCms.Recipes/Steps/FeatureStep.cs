using System.Text.Json.Nodes;

namespace ClinicCms.Recipes.Steps;

/// <summary>
/// Orchard's feature step. ClinicCms has no modules to switch: ids are recorded, and an id that names no
/// ClinicCms capability is a warning, so a recipe from an Orchard site still imports.
/// </summary>
public sealed class FeatureStep : IRecipeStep
{
    private static readonly HashSet<string> Provided = new(StringComparer.OrdinalIgnoreCase)
    {
        "OrchardCore.Contents", "OrchardCore.ContentTypes", "OrchardCore.ContentFields", "OrchardCore.ContentFields.Indexing.SQL",
        "OrchardCore.Title", "OrchardCore.Autoroute", "OrchardCore.Html", "OrchardCore.Markdown", "OrchardCore.Apis.GraphQL",
        "OrchardCore.Recipes", "OrchardCore.Roles", "OrchardCore.Users", "OrchardCore.Security", "OrchardCore.Settings",
        "OrchardCore.Admin", "OrchardCore.Media", "OrchardCore.OpenId", "OrchardCore.OpenId.Server", "OrchardCore.OpenId.Validation",
        "OrchardCore.OpenId.Management", "OrchardCore.Cors", "OrchardCore.Logging.NLog", "OrchardCore.HomeRoute",
        "OrchardCore.Contents.FileContentDefinition", "OrchardCore.ContentPreview", "OrchardCore.Deployment", "OrchardCore.Scripting",
    };

    public string Name => "Feature";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var enabled = step.Run.Features["enabled"] as JsonArray ?? [];
        step.Run.Features["enabled"] = enabled;
        var known = enabled.Select(n => n?.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        foreach (var id in Ids(step, "enable"))
        {
            foreach (var type in FeatureContentTypes.Apply(id, step.Run.Definitions))
            {
                step.Run.Report.TypesDefined.Add(type);
                step.Run.DefinitionsChanged = true;
            }
            if (!Provided.Contains(id) && !FeatureContentTypes.Defines(id))
            {
                step.Warning($"'{id}' is not a ClinicCms feature; recorded, no effect");
            }
            if (known.Add(id))
            {
                enabled.Add(id);
            }
        }
        foreach (var id in Ids(step, "disable"))
        {
            foreach (var node in enabled.Where(n => n?.GetValue<string>() == id).ToList())
            {
                enabled.Remove(node);
            }
        }
        step.Run.FeaturesChanged = true;
        return Task.CompletedTask;
    }

    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) => Task.CompletedTask;

    private static List<string> Ids(RecipeStepContext step, string property)
    {
        var ids = new List<string>();
        switch (step.Property(property))
        {
            case null:
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue v && v.TryGetValue<string>(out var id))
                    {
                        ids.Add(id);
                    }
                    else
                    {
                        step.Error($"{property}[{i}]", "expected a feature id");
                    }
                }
                break;
            default:
                step.Error(property, "expected an array of feature ids");
                break;
        }
        return ids;
    }
}
