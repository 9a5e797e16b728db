using System.Text.Json.Nodes;

namespace ClinicCms.Recipes.Scripting;

/// <summary>What recipe scripts can read: the recipe's variables, the run's parameters and configuration, the recipe's folder.</summary>
public sealed class RecipeScriptContext(
    JsonObject variables,
    IReadOnlyDictionary<string, string> parameters,
    Func<string, string?> configuration,
    string basePath)
{
    public JsonObject Variables { get; } = variables;
    public IReadOnlyDictionary<string, string> Parameters { get; } = parameters;
    public Func<string, string?> Configuration { get; } = configuration;
    public string BasePath { get; } = basePath;

    /// <summary>Warnings for the run's report (a function that can only give a stand-in value says so here).</summary>
    public List<string> Warnings { get; } = [];
}
