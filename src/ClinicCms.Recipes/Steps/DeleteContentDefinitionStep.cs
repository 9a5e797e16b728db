namespace ClinicCms.Recipes.Steps;

/// <summary>Orchard's DeleteContentDefinition: types and parts by name; names that do not exist are ignored.</summary>
public sealed class DeleteContentDefinitionStep : IRecipeStep
{
    public string Name => "DeleteContentDefinition";

    public void Plan(RecipeStepContext step)
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
    }

    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) => Task.CompletedTask;
}
