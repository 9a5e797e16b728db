using ClinicCms.Recipes.Export;
using ClinicCms.Recipes.Steps;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Recipes;

public static class RecipesServiceCollectionExtensions
{
    public static IServiceCollection AddClinicCmsRecipes(this IServiceCollection services)
    {
        services.AddScoped<IRecipeStep, FeatureStep>();
        services.AddScoped<IRecipeStep, SettingsStep>();
        services.AddScoped<IRecipeStep, CustomSettingsStep>();
        services.AddScoped<IRecipeStep, RolesStep>();
        services.AddScoped<IRecipeStep, ContentDefinitionStep>();
        services.AddScoped<IRecipeStep, ReplaceContentDefinitionStep>();
        services.AddScoped<IRecipeStep, DeleteContentDefinitionStep>();
        services.AddScoped<IRecipeStep, ContentStep>();
        services.AddScoped<IRecipeStep, WebhooksStep>();
        services.AddScoped<RecipeExecutor>();
        services.AddScoped<RecipeExporter>();
        return services;
    }
}
