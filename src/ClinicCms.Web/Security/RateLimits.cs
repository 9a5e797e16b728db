using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ClinicCms.Web.Security;

/// <summary>Rate limits: sign-in attempts and token requests per address, API requests per client.</summary>
public static class RateLimits
{
    public const string Login = "login";
    public const string Token = "token";
    public const string Api = "api";

    public static void Add(RateLimiterOptions options, SecurityOptions security)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.OnRejected = async (context, cancellationToken) =>
        {
            if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter))
            {
                context.HttpContext.Response.Headers.RetryAfter = ((int)retryAfter.TotalSeconds).ToString(CultureInfo.InvariantCulture);
            }
            await context.HttpContext.Response.WriteAsJsonAsync(new { error = "too_many_requests", message = "Too many requests; try again later." }, cancellationToken);
        };
        // Only attempts count: viewing the sign-in page is free.
        options.AddPolicy(Login, http => HttpMethods.IsPost(http.Request.Method)
            ? Window($"login:{Address(http)}", security.Login)
            : RateLimitPartition.GetNoLimiter("login:view"));
        options.AddPolicy(Token, http => Window($"token:{Address(http)}", security.Token));
        options.AddPolicy(Api, http => security.Api.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter("api:off")
            : Window($"api:{Client(http)}", security.Api));
    }

    private static RateLimitPartition<string> Window(string key, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
        });

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";

    // An API client or signed-in user is limited as itself, wherever it calls from; anonymous callers by address.
    private static string Client(HttpContext http) =>
        http.User.Identity?.IsAuthenticated == true ? $"user:{http.User.FindFirstValue("sub") ?? http.User.FindFirstValue(ClaimTypes.NameIdentifier)}" : $"ip:{Address(http)}";
}
