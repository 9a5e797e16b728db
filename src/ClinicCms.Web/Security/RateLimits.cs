using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace ClinicCms.Web.Security;

/// <summary>
/// Rate limits: sign-in attempts per address; API requests per API client (bearer token), per signed-in user, or per
/// address for anonymous callers, each with its own budget. Token requests: <see cref="OpenId.TokenRequestLimiter"/>.
/// </summary>
public static class RateLimits
{
    public const string Login = "login";
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
        options.AddPolicy(Api, http => ApiPartition(http, security));
    }

    // A frontend's server calling with its token is one client with its own budget, not one more anonymous caller.
    // Nothing is read from the database here: the caller was already authenticated.
    private static RateLimitPartition<string> ApiPartition(HttpContext http, SecurityOptions security)
    {
        var (key, limit) = http.User.Identity?.IsAuthenticated != true ? ($"api:ip:{Address(http)}", security.Api)
            : http.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                ? ($"api:client:{http.User.FindFirstValue("sub")}", security.ApiClient)
                : ($"api:user:{http.User.FindFirstValue(ClaimTypes.NameIdentifier)}", security.Api);
        return limit.PermitLimit <= 0 ? RateLimitPartition.GetNoLimiter("api:off") : Window(key, limit);
    }

    private static RateLimitPartition<string> Window(string key, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
        });

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
