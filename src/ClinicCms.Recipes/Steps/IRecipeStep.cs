namespace ClinicCms.Recipes.Steps;

/// <summary>One recipe step, looked up by name (case-insensitive). A recipe is planned in full, then applied in one transaction.</summary>
public interface IRecipeStep
{
    string Name { get; }

    /// <summary>Checks the step and records its effect on the run's working state (definitions, settings); writes nothing.</summary>
    Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken);

    /// <summary>Writes what <see cref="Plan"/> prepared, inside the run's transaction.</summary>
    Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken);
}
