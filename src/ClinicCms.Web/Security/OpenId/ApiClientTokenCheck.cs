using System.Security.Claims;
using OpenIddict.Abstractions;
using OpenIddict.Validation;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>
/// After OpenIddict has validated an access token: refuses it when its client was deleted or disabled since, or its
/// secret was replaced after the token was issued, and replaces the roles the token carries with the client's roles now.
/// </summary>
public sealed class ApiClientTokenCheck(ApiClientAccess access, IOpenIddictApplicationManager applications) : IOpenIddictValidationHandler<ProcessAuthenticationContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ProcessAuthenticationContext>()
            .UseScopedHandler<ApiClientTokenCheck>()
            .SetOrder(OpenIddictValidationHandlers.ValidateAccessToken.Descriptor.Order + 1_000)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public async ValueTask HandleAsync(ProcessAuthenticationContext context)
    {
        if (context.AccessTokenPrincipal is not { } principal || principal.GetClaim(Claims.Subject) is not { Length: > 0 } clientId)
        {
            return;
        }
        var state = await access.GetAsync(clientId, applications, context.CancellationToken);
        if (state is not { Enabled: true })
        {
            context.Reject(Errors.InvalidToken, "The client of this token was disabled or removed.");
            return;
        }
        if (state.SecretStamp is { } stamp && principal.GetClaim(ApplicationSecrets.Claim) != stamp)
        {
            context.Reject(Errors.InvalidToken, "The client's secret was replaced after this token was issued.");
            return;
        }
        if (principal.Identity is ClaimsIdentity identity)
        {
            foreach (var claim in identity.FindAll(Claims.Role).ToList())
            {
                identity.RemoveClaim(claim);
            }
            foreach (var role in state.Roles)
            {
                identity.AddClaim(new Claim(Claims.Role, role));
            }
        }
    }
}
