namespace ClinicCms.Recipes.Steps;

/// <summary>Orchard's ContentDefinition step: types and parts are merged into the existing definitions.</summary>
public sealed class ContentDefinitionStep : IRecipeStep
{
    public string Name => "ContentDefinition";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var run = step.Run;
        foreach (var type in ContentDefinitionReader.ReadTypes(step))
        {
            run.Definitions.AlterType(type);
            run.Report.TypesDefined.Add(type.Name);
        }
        foreach (var part in ContentDefinitionReader.ReadParts(step))
        {
            run.Definitions.AlterPart(part);
            run.Report.PartsDefined.Add(part.Name);
        }
        run.DefinitionsChanged = true;
        return Task.CompletedTask;
    }

    // Definitions are saved once, when the run commits.
    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) => Task.CompletedTask;
}
