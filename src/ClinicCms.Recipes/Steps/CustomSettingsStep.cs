namespace ClinicCms.Recipes.Steps;

/// <summary>Orchard's custom-settings step: each key is a settings content item, stored in the site settings as Orchard does.</summary>
public sealed class CustomSettingsStep : IRecipeStep
{
    public string Name => "custom-settings";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        SettingsStep.Store(step);
        return Task.CompletedTask;
    }

    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) => Task.CompletedTask;
}
