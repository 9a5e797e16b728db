using System.Text.Json.Nodes;

namespace ClinicCms.Recipes.Steps;

/// <summary>One step of a run: its position, name and evaluated JSON, and what its plan prepared for apply.</summary>
public sealed class RecipeStepContext(RecipeRun run, int index, string name, JsonObject step)
{
    public RecipeRun Run { get; } = run;
    public int Index { get; } = index;
    public string Name { get; } = name;
    public JsonObject Step { get; } = step;

    /// <summary>Whatever the step's plan hands to its apply.</summary>
    public object? State { get; set; }

    public void Error(string path, string message) => Run.Errors.Add(new RecipeError(Run.Report.FileName, Index, Name, path, message));

    public void Warning(string message) => Run.Report.Warnings.Add($"steps[{Index}] ({Name}): {message}");

    public JsonNode? Property(string name) => RecipeReader.Property(Step, name);
}
