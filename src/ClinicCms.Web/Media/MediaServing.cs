using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace ClinicCms.Web.Media;

public static class MediaServing
{
    public const string RequestPath = "/media";

    /// <summary>
    /// The policy of every /media response. A sandbox makes the browser treat the file as coming from a unique
    /// origin with scripts off, so an SVG or HTML-like file opened as a page cannot act as a signed-in editor.
    /// </summary>
    public const string ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; frame-ancestors 'none'";

    // Shown in the browser; everything else is sent as a download.
    internal static readonly string[] InlineTypes = ["image/", "audio/", "video/", "application/pdf", "text/plain"];

    /// <summary>
    /// Media files at /media/..., with validators (ETag, Last-Modified) and a day of caching. The headers are set before
    /// the file middleware runs, so 200, 206, 304 and 404 answers all carry them, and the site-wide headers keep them.
    /// </summary>
    public static IApplicationBuilder UseClinicCmsMedia(this IApplicationBuilder app)
    {
        var media = app.ApplicationServices.GetRequiredService<MediaStore>();
        Directory.CreateDirectory(media.Root);
        // Only requests under /media and the upload page enter this branch; every other request passes by on one path check.
        return app.UseWhen(http => http.Request.Path.StartsWithSegments(RequestPath) || http.Request.Path.StartsWithSegments(MediaUploadLimit.UploadPath), branch =>
        {
            branch.UseClinicCmsMediaUploadLimit();
            branch.Use(next => http =>
            {
                if (http.Request.Path.StartsWithSegments(RequestPath))
                {
                    var headers = http.Response.Headers;
                    headers.ContentSecurityPolicy = ContentSecurityPolicy;
                    headers.XContentTypeOptions = "nosniff";
                }
                return next(http);
            });
            branch.UseClinicCmsResizedImages();
            branch.UseStaticFiles(Files(media));
        });
    }

    private static StaticFileOptions Files(MediaStore media) => new()
    {
        FileProvider = new PhysicalFileProvider(media.Root),
        RequestPath = RequestPath,
        ContentTypeProvider = new FileExtensionContentTypeProvider(),
        OnPrepareResponse = context =>
        {
            var headers = context.Context.Response.Headers;
            headers.CacheControl = "public, max-age=86400";
            var type = context.Context.Response.ContentType ?? "";
            if (!InlineTypes.Any(t => type.StartsWith(t, StringComparison.OrdinalIgnoreCase)))
            {
                headers.ContentDisposition = "attachment";
            }
        },
    };
}
