namespace ClinicCms.Recipes.Steps;

/// <summary>Orchard's DeleteContentDefinition: types and parts by name; names that do not exist are ignored.</summary>
public sealed class DeleteContentDefinitionStep : IRecipeStep
{
    public string Name => "DeleteContentDefinition";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        foreach (var type in ContentDefinitionReader.ReadNames(step, "ContentTypes"))
        {
            step.Run.Definitions.DeleteType(type);
        }
        foreach (var part in ContentDefinitionReader.ReadNames(step, "ContentParts"))
        {
            step.Run.Definitions.DeletePart(part);
        }
        step.Run.DefinitionsChanged = true;
        return Task.CompletedTask;
    }

    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) => Task.CompletedTask;
}
