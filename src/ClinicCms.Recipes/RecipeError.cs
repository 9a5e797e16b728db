namespace ClinicCms.Recipes;

/// <summary>One problem in a recipe, located by file, step and JSON path inside the step.</summary>
public sealed record RecipeError(string File, int? StepIndex, string? StepName, string Path, string Message)
{
    public override string ToString()
    {
        var where = StepIndex is { } i ? $"steps[{i}] ({StepName})" : "";
        var location = string.Join(' ', new[] { where, Path }.Where(s => !string.IsNullOrEmpty(s)));
        return location.Length == 0 ? $"{File}: {Message}" : $"{File}: {location}: {Message}";
    }
}
