namespace ClinicCms.Web.Security;

/// <summary>Security headers on every response, and a content security policy for the pages the app renders (unless a response set its own).</summary>
public static class SecurityHeaders
{
    public const string PageContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    private const string OtherContentSecurityPolicy = "frame-ancestors 'none'";

    // One delegate for every request, with the context as its state: registering it allocates no closure.
    private static readonly Func<object, Task> Apply = state =>
    {
        var response = ((HttpContext)state).Response;
        var headers = response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
        headers.XFrameOptions = "DENY";
        // A response that set its own policy (media's sandbox) keeps it: this runs last, after the app wrote its headers.
        if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
        {
            headers.ContentSecurityPolicy = response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                ? PageContentSecurityPolicy
                : OtherContentSecurityPolicy;
        }
        return Task.CompletedTask;
    };

    public static IApplicationBuilder UseClinicCmsSecurityHeaders(this IApplicationBuilder app) => app.Use(next => http =>
    {
        http.Response.OnStarting(Apply, http);
        return next(http);
    });
}
