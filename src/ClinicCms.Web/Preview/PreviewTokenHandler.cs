using System.Security.Claims;
using System.Text.Encodings.Web;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Web.Security;
using ClinicCms.Web.Security.OpenId;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

namespace ClinicCms.Web.Preview;

/// <summary>
/// The preview token as its own authentication scheme, chosen for a bearer token that starts with
/// <see cref="PreviewToken.Prefix"/>. Accepted only by /api/graphql; everywhere else it fails, so the caller is
/// anonymous there and gets 401. On every use the issuer is read again: a removed or disabled user or client, a
/// changed security stamp, a deleted item, or an issuer who may no longer preview the item ends the token at once.
/// The principal carries the issuer's roles now and the item (<see cref="PreviewClaims.Item"/>), to which GraphQL
/// limits drafts.
/// </summary>
public sealed class PreviewTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    IDataProtectionProvider protection,
    TimeProvider clock,
    UserManager<IdentityUser> users,
    IUserClaimsPrincipalFactory<IdentityUser> claims,
    ApiClientAccess clients,
    IOpenIddictApplicationManager applications,
    ContentService content,
    ContentAuthorizer authorizer)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "PreviewToken";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var raw = Security.BearerToken.Of(Request);
        if (!PreviewToken.LooksLikeOne(raw))
        {
            return AuthenticateResult.NoResult();
        }
        if (!IsGraphQL(Request.Path))
        {
            return AuthenticateResult.Fail($"A preview token is accepted only by {GraphQLEndpoints.Path}, for queries: it cannot write, use the REST API or open the admin.");
        }
        if (PreviewToken.Open(protection, raw!) is not { } token)
        {
            return AuthenticateResult.Fail("The preview token is not valid: it was changed, cut, or issued by another site.");
        }
        if (clock.GetUtcNow() >= token.ExpiresUtc)
        {
            return AuthenticateResult.Fail($"The preview token expired at {token.ExpiresUtc.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}; ask for a new one.");
        }
        var (identity, problem) = token.IssuerKind == PreviewToken.ClientIssuer ? await ClientAsync(token) : await UserAsync(token);
        if (identity is null)
        {
            return AuthenticateResult.Fail(problem!);
        }
        identity.AddClaim(new Claim(PreviewClaims.Item, token.ContentItemId));
        var principal = new ClaimsPrincipal(identity);
        var item = await content.GetAsync(token.ContentItemId, VersionOptions.Latest, Context.RequestAborted);
        if (item is null)
        {
            return AuthenticateResult.Fail("The item of this preview token no longer exists.");
        }
        if (!await authorizer.CanAsync(principal, Permissions.PreviewContent, item, Context.RequestAborted))
        {
            return AuthenticateResult.Fail("The issuer of this preview token may no longer preview its item.");
        }
        return AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName));
    }

    // 401 with the reason in WWW-Authenticate, as OpenIddict answers a bad access token; outside GraphQL (whose
    // filter writes its own body) also as JSON.
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var result = await HandleAuthenticateOnceSafeAsync();
        var message = result.Failure?.Message ?? "A valid preview token is required.";
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = $"Bearer error=\"invalid_token\", error_description=\"{message.Replace('"', '\'')}\"";
        if (!IsGraphQL(Request.Path))
        {
            await Response.WriteAsJsonAsync(new { error = "invalid_token", error_description = message }, Context.RequestAborted);
        }
    }

    private async Task<(ClaimsIdentity? Identity, string? Problem)> UserAsync(PreviewToken token)
    {
        var user = await users.FindByIdAsync(token.Issuer);
        if (user is null || UserAccess.IsDisabled(user))
        {
            return (null, "The user who issued this preview token was removed or disabled.");
        }
        if (!string.Equals(user.SecurityStamp, token.SecurityStamp, StringComparison.Ordinal))
        {
            return (null, "The account of the user who issued this preview token changed since (roles, password or access); ask for a new token.");
        }
        var signedIn = await claims.CreateAsync(user);
        return (new ClaimsIdentity(signedIn.Claims, SchemeName), null);
    }

    private async Task<(ClaimsIdentity? Identity, string? Problem)> ClientAsync(PreviewToken token)
    {
        var state = await clients.GetAsync(token.Issuer, applications, Context.RequestAborted);
        if (state is not { Enabled: true })
        {
            return (null, "The API client that issued this preview token was disabled or removed.");
        }
        if (state.SecretStamp is { } stamp && token.SecurityStamp != stamp)
        {
            return (null, "The secret of the API client that issued this preview token was replaced since; ask for a new token.");
        }
        var identity = new ClaimsIdentity(SchemeName, OpenIddictConstants.Claims.Name, OpenIddictConstants.Claims.Role);
        identity.AddClaim(new Claim(OpenIddictConstants.Claims.Subject, token.Issuer));
        foreach (var role in state.Roles)
        {
            identity.AddClaim(new Claim(OpenIddictConstants.Claims.Role, role));
        }
        return (identity, null);
    }

    // The GraphQL endpoint also answers with a trailing slash: the token is for it in either form.
    private static bool IsGraphQL(PathString path) =>
        path.Value is { } value && value.TrimEnd('/').Equals(GraphQLEndpoints.Path, StringComparison.OrdinalIgnoreCase);
}

/// <summary>The claim a preview token's principal carries.</summary>
public static class PreviewClaims
{
    /// <summary>The item the token was issued for: the only one whose drafts it may read.</summary>
    public const string Item = "cliniccms_preview_item";

    public static string? ItemOf(ClaimsPrincipal user) =>
        user.Identity?.AuthenticationType == PreviewTokenHandler.SchemeName ? user.FindFirst(Item)?.Value : null;
}
