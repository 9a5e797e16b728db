using System.Text.Json.Nodes;

namespace ClinicCms.Recipes.Steps;

/// <summary>
/// Orchard's Roles step: roles by name (case-insensitive), created when missing, permissions replaced, added or
/// removed as PermissionBehavior says. Stored in the roles document that the security layer reads.
/// </summary>
public sealed class RolesStep : IRecipeStep
{
    private static readonly string[] Behaviors = ["Replace", "Add", "Remove"];

    public string Name => "Roles";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        if (step.Property("Roles") is not JsonArray roles)
        {
            step.Error("Roles", "required: an array of roles");
            return Task.CompletedTask;
        }
        var stored = step.Run.Roles["Roles"] as JsonArray ?? [];
        step.Run.Roles["Roles"] = stored;
        for (var i = 0; i < roles.Count; i++)
        {
            if (roles[i] is not JsonObject role || RecipeReader.Text(role, "Name") is not { Length: > 0 } name)
            {
                step.Error($"Roles[{i}].Name", "required: every role needs a Name");
                continue;
            }
            var behavior = ReadBehavior(step, role, i);
            var permissions = ReadPermissions(step, role, i);
            if (behavior is null || permissions is null)
            {
                continue;
            }
            var target = stored.OfType<JsonObject>().FirstOrDefault(r => string.Equals(r["Name"]?.GetValue<string>(), name, StringComparison.OrdinalIgnoreCase));
            if (target is null)
            {
                target = new JsonObject { ["Name"] = name, ["Permissions"] = new JsonArray() };
                stored.Add(target);
            }
            if (RecipeReader.Text(role, "Description") is { } description)
            {
                target["Description"] = description;
            }
            var current = (target["Permissions"] as JsonArray ?? []).Select(p => p!.GetValue<string>()).ToList();
            current = behavior switch
            {
                "Add" => [.. current.Union(permissions)],
                "Remove" => [.. current.Except(permissions)],
                _ => permissions,
            };
            target["Permissions"] = new JsonArray([.. current.Distinct().Select(p => (JsonNode)p)]);
        }
        step.Run.RolesChanged = true;
        return Task.CompletedTask;
    }

    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) => Task.CompletedTask;

    private static string? ReadBehavior(RecipeStepContext step, JsonObject role, int i)
    {
        var node = RecipeReader.Property(role, "PermissionBehavior");
        if (node is null)
        {
            return "Replace";
        }
        if (node is JsonValue v && v.TryGetValue<int>(out var number) && number >= 0 && number < Behaviors.Length)
        {
            return Behaviors[number];
        }
        if (node is JsonValue s && s.TryGetValue<string>(out var text) && Behaviors.FirstOrDefault(b => b.Equals(text, StringComparison.OrdinalIgnoreCase)) is { } behavior)
        {
            return behavior;
        }
        step.Error($"Roles[{i}].PermissionBehavior", $"expected Replace, Add or Remove, got {node.ToJsonString()}");
        return null;
    }

    private static List<string>? ReadPermissions(RecipeStepContext step, JsonObject role, int i)
    {
        var node = RecipeReader.Property(role, "Permissions");
        if (node is null)
        {
            return [];
        }
        if (node is JsonArray array && array.All(p => p is JsonValue v && v.TryGetValue<string>(out _)))
        {
            return array.Select(p => p!.GetValue<string>()).ToList();
        }
        step.Error($"Roles[{i}].Permissions", "expected an array of permission names");
        return null;
    }
}
