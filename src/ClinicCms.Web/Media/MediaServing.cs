using Microsoft.Extensions.FileProviders;

namespace ClinicCms.Web.Media;

public static class MediaServing
{
    /// <summary>
    /// Media files at /media/..., with validators (ETag, Last-Modified) and a day of caching. A sandbox policy keeps an
    /// uploaded SVG or HTML-like file from running script in the app's origin.
    /// </summary>
    public static IApplicationBuilder UseClinicCmsMedia(this IApplicationBuilder app)
    {
        var media = app.ApplicationServices.GetRequiredService<MediaStore>();
        Directory.CreateDirectory(media.Root);
        return app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(media.Root),
            RequestPath = "/media",
            OnPrepareResponse = context =>
            {
                context.Context.Response.Headers.CacheControl = "public, max-age=86400";
                context.Context.Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
            },
        });
    }
}
