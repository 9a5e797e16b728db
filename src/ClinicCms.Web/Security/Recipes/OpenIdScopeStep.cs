using ClinicCms.Recipes.Steps;
using OpenIddict.Abstractions;

namespace ClinicCms.Web.Security.Recipes;

/// <summary>Orchard's OpenIdScope step: creates or updates a scope by name.</summary>
public sealed class OpenIdScopeStep(IOpenIddictScopeManager scopes) : IRecipeStep
{
    public string Name => "OpenIdScope";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var name = StepJson.Text(step, step.Step, "ScopeName", "");
        if (string.IsNullOrWhiteSpace(name))
        {
            step.Error("ScopeName", "required: the scope's name");
            return Task.CompletedTask;
        }
        var descriptor = new OpenIddictScopeDescriptor
        {
            Name = name,
            DisplayName = StepJson.Text(step, step.Step, "DisplayName", ""),
            Description = StepJson.Text(step, step.Step, "Description", ""),
        };
        descriptor.Resources.UnionWith((StepJson.Text(step, step.Step, "Resources", "") ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries));
        step.State = descriptor;
        return Task.CompletedTask;
    }

    public async Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var descriptor = (OpenIddictScopeDescriptor)step.State!;
        if (await scopes.FindByNameAsync(descriptor.Name!, cancellationToken) is { } existing)
        {
            await scopes.UpdateAsync(existing, descriptor, cancellationToken);
        }
        else
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
    }
}
