namespace ClinicCms.Recipes;

/// <summary>A recipe could not be applied; nothing was written. <see cref="Errors"/> lists every problem found.</summary>
public sealed class RecipeException(IReadOnlyList<RecipeError> errors)
    : Exception(string.Join(Environment.NewLine, errors.Select(e => e.ToString())))
{
    public IReadOnlyList<RecipeError> Errors { get; } = errors;
}
