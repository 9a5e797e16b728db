using System.Text;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace ClinicCms.Web.Hosting;

/// <summary>
/// A urlencoded form in a charset .NET refuses to decode (UTF-7) is a 415 at the door: every reader of forms (pages,
/// antiforgery, the token endpoint, sign-out) would throw on it, as a 500 logged as an ERROR.
/// </summary>
public static class UnreadableForms
{
    public static IApplicationBuilder UseClinicCmsUnreadableForms(this IApplicationBuilder app) =>
        app.Use(next => http => IsUnreadable(http.Request.ContentType) ? RefuseAsync(http) : next(http));

    private static bool IsUnreadable(string? contentType)
    {
        // Two substring checks first: this runs for every request, and JSON bodies often name a charset.
        if (contentType is null || !contentType.Contains("form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || !contentType.Contains("charset", StringComparison.OrdinalIgnoreCase)
            || !MediaTypeHeaderValue.TryParse(contentType, out var type)
            || !type.MediaType.Equals("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase)
            || StringSegment.IsNullOrEmpty(type.Charset))
        {
            return false;
        }
        try
        {
            _ = Encoding.GetEncoding(type.Charset.ToString()); // as the form reader asks for it
            return false;
        }
        catch (ArgumentException)
        {
            return false; // unknown: the form reader falls back to UTF-8
        }
        catch (NotSupportedException)
        {
            return true;
        }
    }

    private static Task RefuseAsync(HttpContext http)
    {
        http.Response.StatusCode = StatusCodes.Status415UnsupportedMediaType;
        return http.Response.WriteAsync("The form's charset is not supported; send it as UTF-8.", http.RequestAborted);
    }
}
