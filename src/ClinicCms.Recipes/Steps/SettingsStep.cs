namespace ClinicCms.Recipes.Steps;

/// <summary>Orchard's Settings step: every key is stored in the site settings document, unknown ones verbatim.</summary>
public sealed class SettingsStep : IRecipeStep
{
    public string Name => "Settings";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        foreach (var (path, message) in Content.Localization.LocalizationSettings.Problems(step.Property(Content.Localization.LocalizationSettings.Key)))
        {
            step.Error(path, message);
        }
        Store(step);
        return Task.CompletedTask;
    }

    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) => Task.CompletedTask;

    internal static void Store(RecipeStepContext step)
    {
        foreach (var (key, value) in step.Step)
        {
            if (!string.Equals(key, "name", StringComparison.OrdinalIgnoreCase))
            {
                step.Run.Settings[key] = value?.DeepClone();
            }
        }
        step.Run.SettingsChanged = true;
    }
}
