using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authentication;
using OpenIddict.Validation.AspNetCore;

namespace ClinicCms.Web.Security;

/// <summary>
/// For endpoints that may serve anonymous callers (GraphQL; the content API where the Anonymous role may use it): a
/// bearer token that fails validation (garbage, expired, signed by another key) is answered 401 invalid_token,
/// instead of reading as anonymous, so a client learns that its token is bad.
/// </summary>
public sealed partial class InvalidBearerTokenFilter(bool graphQLErrors = true) : IEndpointFilter
{
    /// <summary>For REST endpoints: the challenge's status and WWW-Authenticate alone, as their other 401s, with no GraphQL errors.</summary>
    public static InvalidBearerTokenFilter Rest { get; } = new(graphQLErrors: false);

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (http.User.Identity?.IsAuthenticated == true || BearerToken.Of(http.Request) is not { } token)
        {
            return await next(context);
        }
        // OpenIddict's challenge (or the preview token's) sets the status and WWW-Authenticate: Bearer error="invalid_token", error_description="...".
        var preview = Preview.PreviewToken.LooksLikeOne(token);
        await http.ChallengeAsync(preview ? Preview.PreviewTokenHandler.SchemeName : OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme);
        if (!graphQLErrors)
        {
            return Results.Empty;
        }
        var description = Description().Match(http.Response.Headers.WWWAuthenticate.ToString()) is { Success: true } match
            ? match.Groups[1].Value
            : "The access token is not valid.";
        return Results.Json(new
        {
            error = "invalid_token",
            error_description = description,
            errors = new[] { new { message = description, extensions = new { code = "invalid_token" } } },
        }, statusCode: StatusCodes.Status401Unauthorized);
    }

    [GeneratedRegex("error_description=\"([^\"]*)\"")]
    private static partial Regex Description();
}
