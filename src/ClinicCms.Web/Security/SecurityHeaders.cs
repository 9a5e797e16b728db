namespace ClinicCms.Web.Security;

/// <summary>Security headers on every response, and a content security policy for the pages the app renders (unless a response set its own).</summary>
public static class SecurityHeaders
{
    public const string PageContentSecurityPolicy =
        "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseClinicCmsSecurityHeaders(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers.XFrameOptions = "DENY";
            // A response that set its own policy (media's sandbox) keeps it: this runs last, after the app wrote its headers.
            if (string.IsNullOrEmpty(headers.ContentSecurityPolicy))
            {
                headers.ContentSecurityPolicy = http.Response.ContentType?.StartsWith("text/html", StringComparison.OrdinalIgnoreCase) == true
                    ? PageContentSecurityPolicy
                    : "frame-ancestors 'none'";
            }
            return Task.CompletedTask;
        });
        await next(http);
    });
}
