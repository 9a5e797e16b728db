using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Webhooks;

namespace ClinicCms.Recipes.Steps;

/// <summary>
/// ClinicCms's Webhooks step: <c>{ "name": "Webhooks", "Webhooks": [ { "Name", "Url", "Events", "ContentTypes", "Secret",
/// "Enabled" } ] }</c>. Each webhook is created or replaced by name. Without a <c>Secret</c>, a new webhook gets a
/// generated one and a stored one keeps its own, so an export (which carries no secrets) imports back without
/// breaking the receivers. <c>Enabled</c> defaults to true.
/// </summary>
public sealed class WebhooksStep(WebhookStore webhooks) : IRecipeStep
{
    public string Name => "Webhooks";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        if (step.Property("Webhooks") is not JsonArray list)
        {
            step.Error("Webhooks", "required: an array of webhooks");
            return Task.CompletedTask;
        }
        var inputs = new List<WebhookInput>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"Webhooks[{i}]";
            if (list[i] is not JsonObject entry)
            {
                step.Error(path, "expected an object");
                continue;
            }
            var errors = step.Run.Errors.Count;
            var input = new WebhookInput(Text(step, entry, "Name", path), Text(step, entry, "Url", path), Texts(step, entry, "Events", path),
                Texts(step, entry, "ContentTypes", path), Text(step, entry, "Secret", path), Flag(step, entry, "Enabled", path));
            foreach (var error in webhooks.Check(input))
            {
                step.Error($"{path}.{error.Path}", error.Message);
            }
            if (input.Name is { } name && !names.Add(name.Trim()))
            {
                step.Error($"{path}.Name", $"another webhook of this step is named \"{name}\"");
            }
            if (step.Run.Errors.Count == errors)
            {
                inputs.Add(input);
            }
        }
        step.State = inputs;
        return Task.CompletedTask;
    }

    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) =>
        webhooks.ImportAsync((List<WebhookInput>)step.State!, cancellationToken);

    private static string? Text(RecipeStepContext step, JsonObject entry, string name, string path) => RecipeReader.Property(entry, name) switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => value.GetValue<string>(),
        JsonValue value when value.GetValueKind() == JsonValueKind.Null => null,
        _ => Wrong<string>(step, $"{path}.{name}", "expected a string"),
    };

    private static List<string>? Texts(RecipeStepContext step, JsonObject entry, string name, string path)
    {
        if (RecipeReader.Property(entry, name) is not { } node || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }
        if (node is JsonArray array && array.All(n => n?.GetValueKind() == JsonValueKind.String))
        {
            return [.. array.Select(n => n!.GetValue<string>())];
        }
        return Wrong<List<string>>(step, $"{path}.{name}", "expected an array of strings");
    }

    private static bool Flag(RecipeStepContext step, JsonObject entry, string name, string path) => RecipeReader.Property(entry, name)?.GetValueKind() switch
    {
        null or JsonValueKind.Null => true,
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => Wrong<bool>(step, $"{path}.{name}", "expected true or false"),
    };

    private static T? Wrong<T>(RecipeStepContext step, string path, string message)
    {
        step.Error(path, message);
        return default;
    }
}
