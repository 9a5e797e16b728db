using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Connections;

namespace ClinicCms.Web.Hosting;

/// <summary>
/// A client that resets its connection mid-request is not the server's error. The exception its request then throws
/// ends here at Debug instead of reaching Kestrel, which logs it as an ERROR; the connection is aborted, or Kestrel
/// would try to read the rest of the body and log that as an ERROR too. Nor is a body that breaks Kestrel's framing or
/// limits where an endpoint (OpenIddict's token endpoint, say) does not answer it itself: it gets its 4xx here, and
/// the connection is closed after it.
/// </summary>
public static partial class ClientAborts
{
    public static IApplicationBuilder UseClinicCmsClientAborts(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientAborts).FullName!);
        return app.Use(next => http =>
        {
            var pending = next(http);
            return pending.IsCompletedSuccessfully ? Task.CompletedTask : ObserveAsync(pending, http, logger);
        });
    }

    /// <summary>Whether <paramref name="e"/> says that the client went away rather than that the server failed.</summary>
    public static bool IsClientAbort(Exception e, HttpContext http) =>
        e is ConnectionResetException
        || (http.RequestAborted.IsCancellationRequested && e is IOException or OperationCanceledException)
        || (e is AntiforgeryValidationException { InnerException: { } read } && IsClientAbort(read, http)); // the form it could not read

    private static async Task ObserveAsync(Task pending, HttpContext http, ILogger logger)
    {
        try
        {
            await pending;
        }
        catch (Exception e) when (IsClientAbort(e, http))
        {
            http.Abort();
            ClientWentAway(logger, http.Request.Method, http.Request.Path, e.Message);
        }
        catch (Exception e) when (RefusedBody(e) is { } bad && !http.Response.HasStarted)
        {
            http.Response.Clear();
            http.Response.StatusCode = bad is BadHttpRequestException { StatusCode: var status } ? status : StatusCodes.Status400BadRequest;
            http.Response.Headers.Connection = "close";
            http.Response.ContentType = "text/plain; charset=utf-8";
            BodyRefused(logger, http.Request.Method, http.Request.Path, bad.Message);
            await http.Response.WriteAsync($"The request body could not be read: {bad.Message}");
        }
    }

    /// <summary>
    /// Kestrel's refusal of a body, if <paramref name="e"/> is (or wraps) one: its own exception, or the chunk size
    /// beyond range that it reports as an IOException.
    /// </summary>
    public static Exception? RefusedBody(Exception e) => e switch
    {
        BadHttpRequestException or IOException { InnerException: OverflowException } => e,
        AntiforgeryValidationException { InnerException: { } read } => RefusedBody(read),
        _ => null,
    };

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the body was refused ({Reason})")]
    private static partial void BodyRefused(ILogger logger, string method, PathString path, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the client closed the connection ({Reason})")]
    private static partial void ClientWentAway(ILogger logger, string method, PathString path, string reason);
}
