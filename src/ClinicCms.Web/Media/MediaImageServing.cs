using ClinicCms.Content.Media;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace ClinicCms.Web.Media;

/// <summary>
/// Resized images at <c>/media/{path}?width=&amp;height=&amp;rmode=&amp;format=&amp;quality=&amp;bgcolor=</c> (Orchard
/// Core's parameters). A request without them, for a file that is not a raster image, or for a path the media
/// library could not have written goes on to the file middleware as before. Variants carry an ETag; a URL with a
/// <c>v</c> parameter (a version the frontend chose) is cached for a year as immutable, any other for a day, as originals are.
/// </summary>
public static class MediaImageServing
{
    public const string ImmutableCaching = "public, max-age=31536000, immutable";
    public const string DailyCaching = "public, max-age=86400";

    public static IApplicationBuilder UseClinicCmsResizedImages(this IApplicationBuilder app)
    {
        var media = app.ApplicationServices.GetRequiredService<MediaStore>();
        var variants = app.ApplicationServices.GetRequiredService<MediaVariants>();
        var budget = app.ApplicationServices.GetRequiredService<NewVariantBudget>();
        var options = app.ApplicationServices.GetRequiredService<IOptions<MediaOptions>>();
        return app.Use(next => http => AsksForResize(http, out var relative) ? ServeAsync(http, relative, media, variants, budget, options.Value) ?? next(http) : next(http));
    }

    // Cheap checks first: most /media requests have no query string at all.
    private static bool AsksForResize(HttpContext http, out string relative)
    {
        relative = "";
        var request = http.Request;
        if (!request.QueryString.HasValue || !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
            || !request.Path.StartsWithSegments(MediaServing.RequestPath, out var rest) || !ImageResize.IsRaster(rest.Value ?? ""))
        {
            return false;
        }
        relative = rest.Value!.TrimStart('/');
        // Only paths the library could have written: anything else is left to the file middleware, as today.
        return ImageResize.ParameterNames.Any(request.Query.ContainsKey) && MediaStore.SafePath(relative) == relative;
    }

    private static Task? ServeAsync(HttpContext http, string relative, MediaStore media, MediaVariants variants, NewVariantBudget budget, MediaOptions options)
    {
        var query = http.Request.Query;
        var (resize, error) = ImageResize.Parse(name => query[name].ToArray(), ImageSizes.OrDefault(options.SupportedSizes), ImageQualities.OrDefault(options.SupportedQualities));
        if (resize is null)
        {
            return ProblemAsync(http, StatusCodes.Status400BadRequest, error!);
        }
        var original = new FileInfo(media.Resolve(relative));
        return original.Exists ? SendAsync(http, relative, original, resize, variants, budget) : null;
    }

    private static async Task SendAsync(HttpContext http, string relative, FileInfo original, ImageResize resize, MediaVariants variants, NewVariantBudget budget)
    {
        var variant = variants.For(relative, original, resize);
        // The ETag names the original's version and the parameters: a match needs no resize, even if the file went.
        if (Matches(http.Request.Headers.IfNoneMatch, variant.ETag))
        {
            SetCaching(http, variant);
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }
        if (!File.Exists(variant.File) && budget.Refusal(http) is { } retryAfter)
        {
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            await ProblemAsync(http, StatusCodes.Status429TooManyRequests,
                $"{relative}: this address has asked for too many new image sizes (ClinicCms:Media:NewVariants); sizes already made are still served");
            return;
        }
        // A variant may be trimmed from the cache (here or by another instance) between being made and being sent: made again once.
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await SendVariantAsync(http, relative, original, variant, variants);
                return;
            }
            catch (FileNotFoundException) when (attempt == 0 && !http.Response.HasStarted)
            {
            }
        }
    }

    private static async Task SendVariantAsync(HttpContext http, string relative, FileInfo original, MediaVariants.Variant variant, MediaVariants variants)
    {
        MediaVariants.Refusal? refusal;
        try
        {
            refusal = await variants.EnsureAsync(variant, original.FullName, http.RequestAborted);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await ProblemAsync(http, StatusCodes.Status507InsufficientStorage, $"The resized image cannot be written ({MediaError.StorageProblem(e)}).");
            return;
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            return; // the client went away while waiting for a turn
        }
        if (refusal is not null)
        {
            if (refusal.Status == StatusCodes.Status503ServiceUnavailable)
            {
                http.Response.Headers.RetryAfter = "1";
            }
            await ProblemAsync(http, refusal.Status, $"{relative}: {refusal.Detail}");
            return;
        }
        var length = new FileInfo(variant.File).Length;
        variants.Cap.Touch(variant.File);
        SetCaching(http, variant);
        http.Response.ContentType = ImageResizer.ContentType(variant.Format);
        http.Response.ContentLength = length;
        if (!HttpMethods.IsHead(http.Request.Method))
        {
            await http.Response.SendFileAsync(variant.File, http.RequestAborted);
        }
    }

    private static void SetCaching(HttpContext http, MediaVariants.Variant variant)
    {
        var headers = http.Response.Headers;
        headers.ETag = variant.ETag;
        headers.CacheControl = http.Request.Query.ContainsKey("v") ? ImmutableCaching : DailyCaching;
    }

    private static bool Matches(Microsoft.Extensions.Primitives.StringValues ifNoneMatch, string etag) =>
        ifNoneMatch.Count > 0 && EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
        && tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(new EntityTagHeaderValue(etag), useStrongComparison: false));

    private static Task ProblemAsync(HttpContext http, int status, string detail) =>
        Results.Problem(detail: detail, statusCode: status, title: status switch
        {
            StatusCodes.Status400BadRequest => "Bad image parameters",
            StatusCodes.Status507InsufficientStorage => "The media cache cannot be written",
            StatusCodes.Status503ServiceUnavailable => "Too many images are being resized",
            StatusCodes.Status429TooManyRequests => "Too many new image sizes",
            _ => "The image cannot be resized",
        }).ExecuteAsync(http);
}
