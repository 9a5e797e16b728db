using System.Text;

namespace ClinicCms.Recipes;

/// <summary>What a recipe run did: each step applied or skipped (and why), definitions, item counts, warnings, duration.</summary>
public sealed class RecipeReport
{
    public required string FileName { get; init; }
    public string? RecipeName { get; init; }
    public List<StepOutcome> Steps { get; } = [];
    public List<string> TypesDefined { get; } = [];
    public List<string> PartsDefined { get; } = [];
    public int ItemsCreated { get; set; }
    public int ItemsUpdated { get; set; }
    public int ItemsUnchanged { get; set; }
    public List<string> Warnings { get; } = [];
    public TimeSpan Duration { get; set; }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.AppendLine($"Recipe {RecipeName ?? FileName} ({FileName}) applied in {Duration.TotalSeconds:0.00} s");
        foreach (var step in Steps)
        {
            text.AppendLine($"  steps[{step.Index}] {step.Name}: {(step.Applied ? "applied" : "skipped")}{(step.Detail is null ? "" : $" ({step.Detail})")}");
        }
        if (TypesDefined.Count > 0)
        {
            text.AppendLine($"  content types defined: {string.Join(", ", TypesDefined.Distinct())}");
        }
        if (PartsDefined.Count > 0)
        {
            text.AppendLine($"  content parts defined: {string.Join(", ", PartsDefined.Distinct())}");
        }
        text.AppendLine($"  content items: {ItemsCreated} created, {ItemsUpdated} updated, {ItemsUnchanged} unchanged");
        foreach (var warning in Warnings)
        {
            text.AppendLine($"  warning: {warning}");
        }
        return text.ToString();
    }
}

public sealed record StepOutcome(int Index, string Name, bool Applied, string? Detail);
