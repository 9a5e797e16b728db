using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Recipes.Steps;

/// <summary>The working state of one recipe run: copies of the site documents that steps alter, saved when the run commits.</summary>
public sealed class RecipeRun
{
    public required RecipeReport Report { get; init; }
    public required ContentDefinitionSet Definitions { get; init; }
    public required JsonObject Settings { get; init; }
    public required JsonObject Features { get; init; }
    public required ContentUser User { get; init; }
    public IProgress<string>? Progress { get; init; }

    /// <summary>The folder the recipe's relative file paths start from.</summary>
    public string BasePath { get; init; } = "";
    public List<RecipeError> Errors { get; } = [];
    public bool DefinitionsChanged { get; set; }
    public bool SettingsChanged { get; set; }

    /// <summary>Roles as the Roles steps planned them, by name; saved when those steps apply.</summary>
    public Dictionary<string, ClinicCms.Content.Security.RoleDefinition> PlannedRoles { get; } = new(StringComparer.OrdinalIgnoreCase);
    public bool FeaturesChanged { get; set; }

    /// <summary>
    /// Takes back what steps wrote outside the database (media files) when the run fails, newest first: the database
    /// rolls back on its own.
    /// </summary>
    public List<Action> Undo { get; } = [];

    public void RunUndo()
    {
        for (var i = Undo.Count - 1; i >= 0; i--)
        {
            Undo[i]();
        }
        Undo.Clear();
    }
}
