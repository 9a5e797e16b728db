using System.Text.Json.Nodes;

namespace ClinicCms.Recipes;

/// <summary>A parsed recipe: Orchard's header values and its steps as JSON.</summary>
public sealed class RecipeDescriptor
{
    public required string FileName { get; init; }

    /// <summary>
    /// The folder that <c>[file:text('...')]</c> paths are relative to and may not leave; empty for a recipe with no
    /// folder of its own (uploaded), which reads no files.
    /// </summary>
    public required string BasePath { get; init; }

    public string? Name { get; init; }
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
    public bool IsSetupRecipe { get; init; }
    public JsonObject Variables { get; init; } = [];
    public List<JsonNode?> Steps { get; init; } = [];
}
