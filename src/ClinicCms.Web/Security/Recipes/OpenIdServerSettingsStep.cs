using System.Text.Json.Nodes;
using ClinicCms.Content.Store;
using ClinicCms.Recipes.Steps;
using ClinicCms.Web.Security.OpenId;

namespace ClinicCms.Web.Security.Recipes;

/// <summary>
/// Orchard's OpenIdServerSettings step: stored as given. ClinicCms honours EnableTokenEndpoint and
/// AllowClientCredentialsFlow; the other flows are not offered whatever the settings say.
/// </summary>
public sealed class OpenIdServerSettingsStep(SiteDocumentStore documents) : IRecipeStep
{
    private static readonly string[] Offered = ["name", "EnableTokenEndpoint", "AllowClientCredentialsFlow", "AccessTokenFormat", "Authority"];

    public string Name => "OpenIdServerSettings";

    public Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var settings = new JsonObject();
        foreach (var (key, value) in step.Step)
        {
            if (!key.Equals("name", StringComparison.OrdinalIgnoreCase))
            {
                settings[char.ToUpperInvariant(key[0]) + key[1..]] = value?.DeepClone();
            }
            if (key.StartsWith("Allow", StringComparison.OrdinalIgnoreCase) && !Offered.Contains(key, StringComparer.OrdinalIgnoreCase) && value?.GetValueKind() == System.Text.Json.JsonValueKind.True)
            {
                step.Warning($"{key}: ClinicCms offers the client credentials flow only; the setting is kept but has no effect");
            }
        }
        step.State = settings;
        return Task.CompletedTask;
    }

    public async Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken) =>
        await documents.SaveAsync(OpenIdServerSettings.DocumentName, ((JsonObject)step.State!).ToJsonString(), cancellationToken);
}
