using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>
/// Limits POST /connect/token before OpenIddict checks the client, so that failed authentications count too: every
/// request per address (ClinicCms:Security:Token), and failed ones per address and per client id
/// (ClinicCms:Security:TokenFailures). An address out of failures is refused until its window ends. A client id out of
/// failures refuses only addresses that have already failed for it in the window: a stranger who knows the frontend's
/// client id cannot lock the frontend out, and many addresses guessing one secret get one try each, not a full budget.
/// </summary>
public sealed class TokenRequestLimiter : IDisposable
{
    private const int MaxClientIdLength = 200;
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly PartitionedRateLimiter<string> _failures;

    // One permit per client id and address: out of it means this address has failed for this client in the window.
    private readonly PartitionedRateLimiter<string> _failedPairs;
    private readonly SecurityOptions _options;

    public TokenRequestLimiter(IOptions<SecurityOptions> options)
    {
        _options = options.Value;
        _requests = Create(_options.Token);
        _failures = Create(_options.TokenFailures);
        _failedPairs = Create(new RateLimit { PermitLimit = _options.TokenFailures.PermitLimit <= 0 ? 0 : 1, WindowSeconds = _options.TokenFailures.WindowSeconds });
    }

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var address = "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        using var request = _requests.AttemptAcquire(address);
        if (!request.IsAcquired)
        {
            await RejectAsync(http, request, _options.Token);
            return;
        }
        var client = await ClientIdAsync(http) is { } clientId ? "client:" + clientId : null;
        var pair = client is null ? null : client + "|" + address;
        if (await RefusedAsync(http, _failures, address))
        {
            return;
        }
        if (client is not null && pair is not null && !HasPermit(_failedPairs, pair) && await RefusedAsync(http, _failures, client))
        {
            return;
        }
        await next(http);
        if (http.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized)
        {
            _failures.AttemptAcquire(address).Dispose();
            if (client is not null && pair is not null)
            {
                _failures.AttemptAcquire(client).Dispose();
                _failedPairs.AttemptAcquire(pair).Dispose();
            }
        }
    }

    // A probe takes no permit: it only asks whether one is left.
    private static bool HasPermit(PartitionedRateLimiter<string> limiter, string key)
    {
        using var probe = limiter.AttemptAcquire(key, 0);
        return probe.IsAcquired;
    }

    private async Task<bool> RefusedAsync(HttpContext http, PartitionedRateLimiter<string> limiter, string key)
    {
        using var probe = limiter.AttemptAcquire(key, 0);
        if (probe.IsAcquired)
        {
            return false;
        }
        await RejectAsync(http, probe, _options.TokenFailures);
        return true;
    }

    public void Dispose()
    {
        _requests.Dispose();
        _failures.Dispose();
        _failedPairs.Dispose();
    }

    // The client id of a form post or of HTTP Basic credentials, as OpenIddict reads them.
    private static async Task<string?> ClientIdAsync(HttpContext http)
    {
        string? clientId = null;
        var authorization = http.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                var credentials = Encoding.UTF8.GetString(Convert.FromBase64String(authorization[6..].Trim()));
                clientId = Uri.UnescapeDataString(credentials.Split(':', 2)[0]);
            }
            catch (FormatException)
            {
                clientId = null; // OpenIddict answers a malformed header itself
            }
        }
        else if (http.Request.HasFormContentType)
        {
            try
            {
                var form = await http.Request.ReadFormAsync(http.RequestAborted);
                clientId = form["client_id"].ToString();
            }
            catch (Exception e) when (e is InvalidDataException or IOException or BadHttpRequestException)
            {
                clientId = null; // OpenIddict answers a malformed body itself
            }
        }
        return string.IsNullOrEmpty(clientId) ? null : clientId.Length > MaxClientIdLength ? clientId[..MaxClientIdLength] : clientId;
    }

    private static async Task RejectAsync(HttpContext http, RateLimitLease lease, RateLimit limit)
    {
        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(limit.WindowSeconds);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(new { error = "too_many_requests", message = "Too many token requests; try again later." }, http.RequestAborted);
    }

    private static PartitionedRateLimiter<string> Create(RateLimit limit) =>
        PartitionedRateLimiter.Create<string, string>(key => limit.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
                QueueLimit = 0,
            }));
}
