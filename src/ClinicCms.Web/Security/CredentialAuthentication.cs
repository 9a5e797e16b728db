using System.Reflection;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Server;
using OpenIddict.Server.AspNetCore;
using OpenIddict.Validation.AspNetCore;

namespace ClinicCms.Web.Security;

/// <summary>
/// ASP.NET Core's authentication middleware, run only for requests it can change: those that carry credentials (an
/// Authorization header or the editor's cookie) and those for OpenIddict's own endpoints (/connect/token and the
/// discovery documents), which OpenIddict answers from the middleware. An anonymous read skips it: no handler would
/// find a user in it, and creating OpenIddict's and the cookie's handlers for every request cost most of the pipeline.
/// Any other request handler scheme (a remote sign-in added later, whose callback carries no credentials) turns
/// this off, and every request is authenticated as before.
/// </summary>
public static class CredentialAuthentication
{
    // WebApplication adds UseAuthentication at the start of the pipeline unless this property says it is there.
    private const string AuthenticationMiddlewareSet = "__AuthenticationMiddlewareSet";

    public static IApplicationBuilder UseClinicCmsAuthentication(this IApplicationBuilder app)
    {
        var services = app.ApplicationServices;
        var schemes = services.GetRequiredService<IAuthenticationSchemeProvider>();
        var cookie = services.GetRequiredService<IOptionsMonitor<CookieAuthenticationOptions>>().Get(IdentityConstants.ApplicationScheme).Cookie.Name
            ?? throw new InvalidOperationException("The editor's cookie has no name.");
        var requestHandlers = schemes.GetRequestHandlerSchemesAsync().GetAwaiter().GetResult();
        var lazy = requestHandlers.All(s => s.HandlerType == typeof(OpenIddictServerAspNetCoreHandler) || s.HandlerType == typeof(OpenIddictValidationAspNetCoreHandler));
        var endpoints = OpenIddictEndpointPaths(services.GetRequiredService<IOptions<OpenIddictServerOptions>>().Value);
        app.Properties[AuthenticationMiddlewareSet] = true;
        return app.Use(next =>
        {
            var authenticate = new AuthenticationMiddleware(next, schemes);
            if (!lazy)
            {
                return authenticate.Invoke;
            }
            return http => CarriesCredentials(http.Request, cookie) || IsOpenIddictEndpoint(http.Request.Path, endpoints)
                ? authenticate.Invoke(http)
                : next(http);
        });
    }

    public static bool CarriesCredentials(HttpRequest request, string cookie) =>
        request.Headers.Authorization.Count > 0 || (request.Headers.Cookie.Count > 0 && request.Cookies.ContainsKey(cookie));

    private static bool IsOpenIddictEndpoint(PathString path, PathString[] endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            if (path.StartsWithSegments(endpoint, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }
        return false;
    }

    // Every endpoint list of the server options (token, discovery, key set, and any a later OpenIddict adds), so a
    // newly enabled endpoint is never skipped.
    private static PathString[] OpenIddictEndpointPaths(OpenIddictServerOptions options) =>
        typeof(OpenIddictServerOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.PropertyType == typeof(List<Uri>) && p.Name.EndsWith("EndpointUris", StringComparison.Ordinal))
            .SelectMany(p => (List<Uri>)p.GetValue(options)!)
            .Select(uri => new PathString("/" + (uri.IsAbsoluteUri ? uri.AbsolutePath : uri.OriginalString).TrimStart('/')))
            .Distinct()
            .ToArray();
}
