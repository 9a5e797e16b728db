using System.Text.Json.Nodes;
using ClinicCms.Content.Security;

namespace ClinicCms.Recipes.Steps;

/// <summary>
/// Orchard's Roles step: roles by name (case-insensitive), created when missing with their stereotype's default
/// permissions, then their permissions replaced, added to or removed from as PermissionBehavior says. Unlike
/// Orchard, Replace on a stereotype role (Editor, Author, ...) keeps its defaults whether or not the role existed,
/// so a recipe run twice ends where it ended the first time; Remove takes a default away.
/// </summary>
public sealed class RolesStep(RoleStore roles) : IRecipeStep
{
    private static readonly string[] Behaviors = ["Replace", "Add", "Remove"];

    public string Name => "Roles";

    public async Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        if (step.Property("Roles") is not JsonArray list)
        {
            step.Error("Roles", "required: an array of roles");
            return;
        }
        var planned = step.Run.PlannedRoles;
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is not JsonObject role || RecipeReader.Text(role, "Name") is not { Length: > 0 } name)
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
            var current = planned.GetValueOrDefault(name) ?? await roles.FindAsync(name, cancellationToken)
                ?? new RoleDefinition(name, null, Stereotypes.Defaults.GetValueOrDefault(name) ?? []);
            IEnumerable<string> result = behavior switch
            {
                "Add" => current.Permissions.Union(permissions),
                "Remove" => current.Permissions.Except(permissions),
                _ => permissions.Union(Stereotypes.Defaults.GetValueOrDefault(name) ?? []),
            };
            planned[name] = new RoleDefinition(current.Name, RecipeReader.Text(role, "Description") ?? current.Description, [.. result.Distinct()]);
        }
    }

    public async Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        foreach (var role in step.Run.PlannedRoles.Values)
        {
            await roles.SaveAsync(role, cancellationToken);
        }
        step.Run.PlannedRoles.Clear();
    }

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
