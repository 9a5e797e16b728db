using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Media;

/// <summary>
/// Uploads to the media library may be larger than other requests (ClinicCms:MaxRequestBodyBytes): up to the media
/// limit plus room for the form around the file. A file a little over the media limit gets the library's own
/// message; a body beyond that room is refused before it is read, with a 413 naming the limit.
/// </summary>
public static class MediaUploadLimit
{
    public const string UploadPath = "/admin/media";

    /// <summary>Room for the multipart form (boundaries, headers, the antiforgery token) around the file.</summary>
    public const long FormAllowance = 1024 * 1024;

    public static long BodyLimit(MediaOptions options) => options.MaxFileBytes + FormAllowance;

    // Routing sends /admin/media/ to the page too.
    private static bool IsUploadPage(PathString path) =>
        path.Equals(UploadPath, StringComparison.OrdinalIgnoreCase) || path.Equals(UploadPath + "/", StringComparison.OrdinalIgnoreCase);

    public static IApplicationBuilder UseClinicCmsMediaUploadLimit(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (HttpMethods.IsPost(http.Request.Method) && IsUploadPage(http.Request.Path))
        {
            var options = http.RequestServices.GetRequiredService<IOptions<MediaOptions>>().Value;
            var limit = BodyLimit(options);
            if (http.Request.ContentLength > limit)
            {
                await Results.Problem($"The upload is larger than the media library's limit of {options.MaxFileBytes / 1024 / 1024} MB per file.",
                    statusCode: StatusCodes.Status413PayloadTooLarge).ExecuteAsync(http);
                return;
            }
            if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
            {
                size.MaxRequestBodySize = limit;
            }
        }
        await next(http);
    });
}
