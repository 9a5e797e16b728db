using System.Security.Claims;
using System.Text.Json;
using ClinicCms.Content.Store;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>
/// /connect/token for the client-credentials flow. OpenIddict has checked the client and its secret; this issues a
/// token whose subject is the client and whose roles are the client's roles (Orchard's RoleEntries).
/// </summary>
public static class TokenEndpoint
{
    public const string Path = "/connect/token";

    public static RouteHandlerBuilder MapClinicCmsTokenEndpoint(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapPost(Path, IssueAsync).DisableAntiforgery(); // rate limited before OpenIddict by TokenRequestLimiter

    private static async Task<IResult> IssueAsync(HttpContext http, IOpenIddictApplicationManager applications, SiteDocumentStore documents)
    {
        var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("The OpenID request is missing.");
        var settings = await documents.FindAsync(OpenIdServerSettings.DocumentName, http.RequestAborted) is { } document
            ? JsonSerializer.Deserialize<OpenIdServerSettings>(document.Content, JsonSerializerOptions.Web) ?? new()
            : new OpenIdServerSettings();
        if (!request.IsClientCredentialsGrantType() || !settings.EnableTokenEndpoint || !settings.AllowClientCredentialsFlow)
        {
            return Refuse(Errors.UnsupportedGrantType, "This server issues tokens for the client credentials flow only, when its settings allow it.");
        }
        var application = await applications.FindByClientIdAsync(request.ClientId!, http.RequestAborted)
            ?? throw new InvalidOperationException("OpenIddict validated a client that no longer exists.");

        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, request.ClientId);
        identity.SetClaim(Claims.Name, await applications.GetDisplayNameAsync(application, http.RequestAborted) ?? request.ClientId);
        identity.SetClaims(Claims.Role, [.. await ApplicationRoles.GetAsync(applications, application, http.RequestAborted)]);
        if (ApplicationSecrets.Stamp(await applications.GetPropertiesAsync(application, http.RequestAborted)) is { } stamp)
        {
            identity.SetClaim(ApplicationSecrets.Claim, stamp);
        }
        identity.SetScopes(request.GetScopes());
        identity.SetDestinations(_ => [Destinations.AccessToken]);
        return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private static IResult Refuse(string error, string description) => Results.Forbid(
        new AuthenticationProperties(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        }),
        [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
