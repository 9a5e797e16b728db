using System.Text;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Net.Http.Headers;

namespace ClinicCms.Web.Api;

/// <summary>
/// A JSON request body read whole, up to a limit, as UTF-8: decoded from the charset its Content-Type names (UTF-8
/// when it names none), without a byte order mark, and refused when its bytes are not text in that charset, so that
/// nothing is stored with characters replaced.
/// </summary>
internal static class JsonRequestBody
{
    // How much of a header's value a message repeats.
    private const int MaxEchoedLength = 40;

    /// <summary>The body's UTF-8 bytes (empty when there is no body), or the problem to answer.</summary>
    public static async Task<(byte[]? Utf8, ProblemHttpResult? Problem)> ReadAsync(HttpContext http, int maxBytes)
    {
        // Checked here rather than by routing, which answers a bare 415 before the caller's rights are known. An empty
        // body needs no type.
        if (!http.Request.HasJsonContentType() && await HasBodyAsync(http.Request))
        {
            var given = http.Request.ContentType is { } type ? $"\"{Echoed(type)}\"" : "none";
            return (null, Problem($"The body must be JSON, sent with Content-Type: application/json (the request's Content-Type: {given}).", StatusCodes.Status415UnsupportedMediaType));
        }
        if (http.Request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }
        // Read no more than one byte past the limit: a chunked body says its size only by being read.
        var buffer = new byte[Math.Min(maxBytes + 1, (int?)http.Request.ContentLength ?? 16 * 1024)];
        var length = 0;
        try
        {
            while (length <= maxBytes)
            {
                if (length == buffer.Length)
                {
                    Array.Resize(ref buffer, Math.Min(maxBytes + 1, Math.Max(1024, buffer.Length * 2)));
                }
                var read = await http.Request.Body.ReadAsync(buffer.AsMemory(length), http.RequestAborted);
                if (read == 0)
                {
                    break;
                }
                length += read;
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel's own checks (its size limit, chunk framing, a body arriving too slowly): the caller's mistake,
            // answered here so that it is not logged as the server's.
            return (null, e.StatusCode == StatusCodes.Status413PayloadTooLarge
                ? TooLarge(Math.Min(maxBytes, http.Features.Get<IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize ?? maxBytes))
                : Problem("The body could not be read: " + e.Message, e.StatusCode));
        }
        catch (IOException e) when (e.InnerException is OverflowException)
        {
            return (null, Problem("The body could not be read: its chunk framing is not valid.", StatusCodes.Status400BadRequest));
        }
        return length > maxBytes ? (null, TooLarge(maxBytes)) : Decode(http.Request.ContentType, buffer[..length]);
    }

    // Whether a body not sent as JSON is empty, so that it needs no type. Without a length (chunked) a body is read only
    // when no type was named and the client is not waiting for leave to send one (Expect: 100-continue): reading
    // would invite a body that is refused anyway. Then its first read tells, and consumes nothing.
    private static async ValueTask<bool> HasBodyAsync(HttpRequest request)
    {
        if (request.ContentLength is { } length)
        {
            return length > 0;
        }
        if (request.ContentType is not null || request.Headers.Expect.Count > 0)
        {
            return true;
        }
        if (request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            return false;
        }
        try
        {
            var read = await request.BodyReader.ReadAsync(request.HttpContext.RequestAborted);
            request.BodyReader.AdvanceTo(read.Buffer.Start);
            return !(read.IsCompleted && read.Buffer.IsEmpty);
        }
        catch (Exception e) when (e is BadHttpRequestException or IOException)
        {
            return true; // a body that cannot be read is still one sent with the wrong type
        }
    }

    private static (byte[]? Utf8, ProblemHttpResult? Problem) Decode(string? contentType, byte[] bytes)
    {
        var charset = MediaTypeHeaderValue.TryParse(contentType, out var type) ? type.Charset.Value?.Trim().Trim('"', '\'').Trim() : null;
        if (string.IsNullOrEmpty(charset) || charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
        {
            var text = bytes.AsSpan().StartsWith(Encoding.UTF8.Preamble) ? bytes[Encoding.UTF8.Preamble.Length..] : bytes;
            return Utf8.IsValid(text) ? (text, null) : (null, Problem("The body is not valid UTF-8 text.", StatusCodes.Status400BadRequest));
        }
        Encoding encoding;
        try
        {
            encoding = Encoding.GetEncoding(charset, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) // unknown, or UTF-7, which .NET refuses
        {
            return (null, Problem($"The charset \"{Echoed(charset)}\" is not supported: send the body as UTF-8.", StatusCodes.Status415UnsupportedMediaType));
        }
        try
        {
            return (Encoding.UTF8.GetBytes(encoding.GetString(bytes).TrimStart('\uFEFF')), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Problem($"The body is not valid {encoding.WebName} text.", StatusCodes.Status400BadRequest));
        }
    }

    // Cut between characters, never inside a surrogate pair.
    private static string Echoed(string value) => value.Length <= MaxEchoedLength ? value
        : value[..(char.IsHighSurrogate(value[MaxEchoedLength - 1]) ? MaxEchoedLength - 1 : MaxEchoedLength)] + "...";

    /// <summary>The 400 for a body that is not JSON: where the parser stopped, counted from 1 as editors count.</summary>
    public static ProblemHttpResult NotJson(JsonException e) =>
        Problem($"The body is not valid JSON at line {(e.LineNumber ?? 0) + 1}, column {(e.BytePositionInLine ?? 0) + 1}.", StatusCodes.Status400BadRequest);

    private static ProblemHttpResult TooLarge(long maxBytes) => Problem($"The body is larger than {maxBytes} bytes.", StatusCodes.Status413PayloadTooLarge);

    private static ProblemHttpResult Problem(string detail, int status) => TypedResults.Problem(detail, statusCode: status);
}
