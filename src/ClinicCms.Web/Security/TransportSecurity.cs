using System.Net;
using ClinicCms.Web.Security.OpenId;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Security;

/// <summary>
/// Sign-in and /connect/token carry passwords and client secrets, so they need HTTPS (as the visitor sees it, after
/// trusted forwarded headers) or a client on this host asking for localhost or a loopback address: a developer's
/// browser, or a proxy on the same machine that passes those on. Anything else gets a clear 400 that says how to fix it, before a secret is read.
/// This is the one transport check: OpenIddict's own (which knows no loopback) is turned off.
/// </summary>
public static class TransportSecurity
{
    public const string Message = "HTTPS is required to sign in or to get a token. Use https://, or run ClinicCms behind a TLS-terminating proxy "
        + "that sends X-Forwarded-Proto and whose address is trusted in ClinicCms:ForwardedHeaders (KnownProxies, KnownNetworks; a proxy on the same host is trusted by default). "
        + "See the README, \"Deploy behind a proxy or with HTTPS\".";

    public static bool IsAcceptable(HttpContext http) => http.Request.IsHttps || (IsLocal(http.Connection.RemoteIpAddress) && IsLocalHost(http.Request.Host));

    // No address at all means an in-process server or a Unix socket, both on this host.
    private static bool IsLocal(IPAddress? address) =>
        address is null || IPAddress.IsLoopback(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address);

    // A browser on this host asks for localhost or a loopback address; a proxy on this host that forwards the public
    // host name but no X-Forwarded-For would otherwise make every visitor look local.
    private static bool IsLocalHost(HostString host) =>
        !host.HasValue || string.Equals(host.Host, "localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(host.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool IsGuarded(PathString path) => path.StartsWithSegments("/login") || path.StartsWithSegments(TokenEndpoint.Path);

    /// <summary>Runs after the forwarded headers; ClinicCms:Security:RequireHttps = false turns it off (the default in Development).</summary>
    public static IApplicationBuilder UseClinicCmsTransportSecurity(this IApplicationBuilder app)
    {
        var environment = app.ApplicationServices.GetRequiredService<IHostEnvironment>();
        var requireHttps = app.ApplicationServices.GetRequiredService<IOptions<SecurityOptions>>().Value.RequireHttps ?? !environment.IsDevelopment();
        if (!requireHttps)
        {
            return app;
        }
        return app.Use(next => http => !IsGuarded(http.Request.Path) || IsAcceptable(http) ? next(http) : RefuseAsync(http));
    }

    private static async Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.Headers.CacheControl = "no-store";
        if (http.Request.Path.StartsWithSegments(TokenEndpoint.Path))
        {
            // The shape of an OAuth error, as OpenIddict's own answers have.
            await http.Response.WriteAsJsonAsync(new Dictionary<string, string> { ["error"] = "invalid_request", ["error_description"] = Message }, http.RequestAborted);
            return;
        }
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(Page, http.RequestAborted);
    }

    private static string Page { get; } = $"""
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8" /><title>HTTPS required · ClinicCms</title><link rel="stylesheet" href="/css/site.css" /></head>
        <body><main class="page"><section class="card narrow">
        <h1>HTTPS required</h1>
        <p class="error" role="alert">{WebUtility.HtmlEncode(Message)}</p>
        </section></main></body>
        </html>
        """;
}
