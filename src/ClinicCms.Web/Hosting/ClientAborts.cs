using Microsoft.AspNetCore.Connections;

namespace ClinicCms.Web.Hosting;

/// <summary>
/// A client that resets its connection while its request is read or answered is not the server's error: the
/// exception that reading or writing then throws ends the request here, logged at Debug, instead of reaching Kestrel,
/// which logs every unhandled exception as an ERROR. Nothing can be sent to a client that is gone, so its connection
/// is aborted: Kestrel would otherwise try to read the rest of the body and log the reader's state as an ERROR.
/// </summary>
public static partial class ClientAborts
{
    public static IApplicationBuilder UseClinicCmsClientAborts(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientAborts).FullName!);
        return app.Use(next => http =>
        {
            var request = next(http);
            return request.IsCompletedSuccessfully ? Task.CompletedTask : EndedAsync(request, http, logger);
        });
    }

    /// <summary>Whether <paramref name="e"/> says that the client went away rather than that the server failed.</summary>
    public static bool IsClientAbort(Exception e, HttpContext http) =>
        e is ConnectionResetException || (http.RequestAborted.IsCancellationRequested && e is IOException or OperationCanceledException);

    /// <summary>
    /// Antiforgery turns a failed read of the sign-in and admin forms into a 400 of its own, so a reset never reaches
    /// the catch of <see cref="UseClinicCmsClientAborts"/>; these forms are read whole here first, after authorization
    /// and rate limiting (a caller who may not post them is not read), within the same limits: the form reader keeps
    /// the form, and a form it could not read fails the page's own reading in the same way.
    /// </summary>
    public static IApplicationBuilder UseClinicCmsFormsReadFirst(this IApplicationBuilder app)
    {
        var logger = app.ApplicationServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ClientAborts).FullName!);
        return app.Use(next => http => IsPageForm(http.Request) ? FormFirstAsync(next, http, logger) : next(http));
    }

    private static bool IsPageForm(HttpRequest request) =>
        HttpMethods.IsPost(request.Method)
        && (request.Path.StartsWithSegments("/login") || request.Path.StartsWithSegments("/admin"))
        && request.ContentType is { } type && type.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase);

    private static async Task FormFirstAsync(RequestDelegate next, HttpContext http, ILogger logger)
    {
        try
        {
            await http.Request.ReadFormAsync(http.RequestAborted);
        }
        catch (Exception e) when (IsClientAbort(e, http))
        {
            http.Abort();
            ClientWentAway(logger, http.Request.Method, http.Request.Path, e.Message);
            return;
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            // not a reset: the endpoint's own reading of the form meets the same failure and answers it
        }
        await EndedAsync(next(http), http, logger);
    }

    private static async Task EndedAsync(Task request, HttpContext http, ILogger logger)
    {
        try
        {
            await request;
        }
        catch (Exception e) when (IsClientAbort(e, http))
        {
            http.Abort();
            ClientWentAway(logger, http.Request.Method, http.Request.Path, e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "{Method} {Path}: the client closed the connection ({Reason})")]
    private static partial void ClientWentAway(ILogger logger, string method, PathString path, string reason);
}
