using ClinicCms.Recipes.Steps;
using ClinicCms.Web.Security.OpenId;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicCms.Web.Security.Recipes;

/// <summary>
/// Orchard's OpenIdApplication step: creates or updates an API client by ClientId. The secret is stored hashed
/// (OpenIddict hashes it); RoleEntries become the roles of the client's tokens.
/// </summary>
public sealed class OpenIdApplicationStep(IOpenIddictApplicationManager applications) : IRecipeStep
{
    public string Name => "OpenIdApplication";

    private sealed record Planned(string ClientId, OpenIddictApplicationDescriptor Descriptor, List<string> Roles);

    public async Task PlanAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var json = step.Step;
        var clientId = StepJson.Text(step, json, "ClientId", "");
        if (string.IsNullOrWhiteSpace(clientId))
        {
            step.Error("ClientId", "required: the client id");
            return;
        }
        var secret = StepJson.Text(step, json, "ClientSecret", "");
        var existing = await applications.FindByClientIdAsync(clientId, cancellationToken);
        var type = StepJson.Text(step, json, "Type", "")?.ToLowerInvariant()
            ?? (existing is null ? (string.IsNullOrEmpty(secret) ? ClientTypes.Public : ClientTypes.Confidential) : await applications.GetClientTypeAsync(existing, cancellationToken));
        if (type is not (ClientTypes.Confidential or ClientTypes.Public))
        {
            step.Error("Type", $"expected Confidential or Public, got '{type}'");
            return;
        }
        if (type == ClientTypes.Confidential && string.IsNullOrEmpty(secret) && existing is null)
        {
            step.Error("ClientSecret", "required for a confidential client");
        }
        var descriptor = new OpenIddictApplicationDescriptor();
        if (existing is not null)
        {
            await applications.PopulateAsync(descriptor, existing, cancellationToken);
        }
        descriptor.ClientId = clientId;
        descriptor.ClientType = type;
        descriptor.ClientSecret = string.IsNullOrEmpty(secret) ? null : secret;
        if (!string.IsNullOrEmpty(secret) && (existing is null || !await applications.ValidateClientSecretAsync(existing, secret, cancellationToken)))
        {
            ApplicationSecrets.Renew(descriptor); // a recipe that replaces the secret ends the tokens of the old one
        }
        descriptor.DisplayName = StepJson.Text(step, json, "DisplayName", "") ?? descriptor.DisplayName ?? clientId;
        descriptor.ConsentType = StepJson.Text(step, json, "ConsentType", "")?.ToLowerInvariant() ?? descriptor.ConsentType ?? ConsentTypes.Explicit;
        Replace(descriptor.RedirectUris, StepJson.Uris(step, json, "RedirectUris", ""));
        Replace(descriptor.PostLogoutRedirectUris, StepJson.Uris(step, json, "PostLogoutRedirectUris", ""));
        SetPermissions(step, descriptor);
        var roles = StepJson.Names(step, json, "RoleEntries", "");
        ApplicationRoles.Set(descriptor, roles);
        if (type == ClientTypes.Public && descriptor.Permissions.Contains(Permissions.GrantTypes.ClientCredentials))
        {
            step.Error("AllowClientCredentialsFlow", "a public client cannot use the client credentials flow");
        }
        step.State = new Planned(clientId, descriptor, roles);
    }

    public async Task ApplyAsync(RecipeStepContext step, CancellationToken cancellationToken)
    {
        var planned = (Planned)step.State!;
        var existing = await applications.FindByClientIdAsync(planned.ClientId, cancellationToken);
        if (existing is null)
        {
            await applications.CreateAsync(planned.Descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, planned.Descriptor, cancellationToken);
        }
    }

    private static void SetPermissions(RecipeStepContext step, OpenIddictApplicationDescriptor descriptor)
    {
        var json = step.Step;
        descriptor.Permissions.Clear();
        descriptor.Requirements.Clear();
        var flows = new (string Setting, string[] Permissions)[]
        {
            ("AllowClientCredentialsFlow", [Permissions.Endpoints.Token, Permissions.GrantTypes.ClientCredentials]),
            ("AllowPasswordFlow", [Permissions.Endpoints.Token, Permissions.GrantTypes.Password]),
            ("AllowAuthorizationCodeFlow", [Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode, Permissions.ResponseTypes.Code]),
            ("AllowRefreshTokenFlow", [Permissions.Endpoints.Token, Permissions.GrantTypes.RefreshToken]),
            ("AllowImplicitFlow", [Permissions.Endpoints.Authorization, Permissions.GrantTypes.Implicit]),
            ("AllowHybridFlow", [Permissions.Endpoints.Authorization, Permissions.GrantTypes.AuthorizationCode, Permissions.GrantTypes.Implicit]),
            ("AllowLogoutEndpoint", [Permissions.Endpoints.EndSession]),
            ("AllowIntrospectionEndpoint", [Permissions.Endpoints.Introspection]),
            ("AllowRevocationEndpoint", [Permissions.Endpoints.Revocation]),
        };
        foreach (var (setting, permissions) in flows)
        {
            if (StepJson.Flag(step, json, setting, ""))
            {
                descriptor.Permissions.UnionWith(permissions);
            }
        }
        foreach (var scope in StepJson.Names(step, json, "ScopeEntries", ""))
        {
            descriptor.Permissions.Add(Permissions.Prefixes.Scope + scope);
        }
        if (StepJson.Flag(step, json, "RequireProofKeyForCodeExchange", ""))
        {
            descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
        }
    }

    private static void Replace(HashSet<Uri> target, List<Uri> values)
    {
        if (values.Count > 0)
        {
            target.Clear();
            target.UnionWith(values);
        }
    }
}
