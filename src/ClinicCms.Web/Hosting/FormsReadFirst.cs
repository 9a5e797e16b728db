using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Hosting;

/// <summary>
/// Antiforgery turns a failed read of a dashboard form into a 400 of its own, so a reset never reaches
/// <see cref="ClientAborts"/>. The forms of /login and /admin pages are therefore read here first, after authorization
/// and rate limiting and only for a request that reached a page or an endpoint that checks antiforgery (not an
/// unrouted path, nor a route's "method not allowed"), within the same limits: the form reader keeps the form, or its
/// failure for the page's own reading. A page that reads its raw body, or sets its own form limits, would need to be
/// left out.
/// </summary>
public static class FormsReadFirst
{
    public static IApplicationBuilder UseClinicCmsFormsReadFirst(this IApplicationBuilder app) =>
        app.Use(next => http => IsPageForm(http) ? ReadFirstAsync(next, http) : next(http));

    private static bool IsPageForm(HttpContext http) =>
        HttpMethods.IsPost(http.Request.Method)
        && (http.Request.Path.StartsWithSegments("/login") || http.Request.Path.StartsWithSegments("/admin"))
        && http.GetEndpoint()?.Metadata is { } metadata
        && (metadata.GetMetadata<PageActionDescriptor>() is not null || metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: true })
        && http.Request.HasFormContentType;

    // A reset goes on to ClientAborts, first in the pipeline, which ends the request quietly.
    private static async Task ReadFirstAsync(RequestDelegate next, HttpContext http)
    {
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (e is InvalidDataException or IOException or InvalidOperationException && !ClientAborts.IsClientAbort(e, http))
        {
            // not a reset: the page's own reading of the form meets the same failure and answers it
        }
        await next(http);
    }
}
