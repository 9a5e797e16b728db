namespace ClinicCms.Recipes.Steps;

/// <summary>Orchard's ReplaceContentDefinition: listed parts and types are deleted, then created anew from the step.</summary>
public sealed class ReplaceContentDefinitionStep : IRecipeStep
{
    public string Name => "ReplaceContentDefinition";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var run = step.Run;
        var types = ContentDefinitionReader.ReadTypes(step);
        var parts = ContentDefinitionReader.ReadParts(step);
        foreach (var part in parts)
        {
            run.Definitions.DeletePart(part.Name);
        }
        foreach (var type in types)
        {
            run.Definitions.DeleteType(type.Name);
            run.Definitions.AlterType(type);
            run.Report.TypesDefined.Add(type.Name);
        }
        foreach (var part in parts)
        {
            run.Definitions.AlterPart(part);
            run.Report.PartsDefined.Add(part.Name);
        }
        run.DefinitionsChanged = true;
        return Task.CompletedTask;
    }

    public Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) => Task.CompletedTask;
}
