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
    // The key is built only when the caller's budget is on.
    private static RateLimitPartition<string> ApiPartition(HttpContext http, SecurityOptions security)
    {
        var anonymous = http.User.Identity?.IsAuthenticated != true;
        var client = !anonymous && BearerToken.Of(http.Request) is not null;
        var limit = client ? security.ApiClient : security.Api;
        if (limit.PermitLimit <= 0)
        {
            return RateLimitPartition.GetNoLimiter("api:off");
        }
        var key = anonymous ? $"api:ip:{Address(http)}"
            : client ? $"api:client:{http.User.FindFirstValue("sub")}"
            : $"api:user:{http.User.FindFirstValue(ClaimTypes.NameIdentifier)}";
        return Window(key, limit);
    }

    /// <summary>The API's limits on an endpoint group; with every API budget off (PermitLimit 0) the limiter is not attached at all.</summary>
    public static TBuilder RequireApiRateLimit<TBuilder>(this TBuilder builder, SecurityOptions security) where TBuilder : IEndpointConventionBuilder =>
        security.Api.PermitLimit > 0 || security.ApiClient.PermitLimit > 0 ? builder.RequireRateLimiting(Api) : builder;

    private static RateLimitPartition<string> Window(string key, RateLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(limit.WindowSeconds),
            QueueLimit = 0,
        });

    private static string Address(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
