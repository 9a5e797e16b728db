using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using ClinicCms.Web.Security.Failures;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>
/// Limits POST /connect/token before OpenIddict checks the client, so that failed authentications count too: every
/// request per address (ClinicCms:Security:Token), and failed ones per address and per client id
/// (ClinicCms:Security:TokenFailures), the failures in <see cref="IFailureCounts"/> (shared by the instances that share
/// Redis; the request budget is per instance). An address out of failures is refused until its window ends. A client id out of
/// failures refuses only addresses that have already failed for it in the window: a stranger who knows the frontend's
/// client id cannot lock the frontend out, and many addresses guessing one secret get one try each, not a full budget.
/// </summary>
public sealed class TokenRequestLimiter : IDisposable
{
    private const int MaxClientIdLength = 200;
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly IFailureCounts _failures;
    private readonly SecurityOptions _options;

    public TokenRequestLimiter(IOptions<SecurityOptions> options, IFailureCounts failures)
    {
        _options = options.Value;
        _failures = failures;
        _requests = PartitionedRateLimiter.Create<string, string>(key => _options.Token.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter(key)
            : RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = _options.Token.PermitLimit,
                Window = TimeSpan.FromSeconds(Math.Max(1, _options.Token.WindowSeconds)),
                QueueLimit = 0,
            }));
    }

    private TimeSpan FailureWindow => TimeSpan.FromSeconds(Math.Max(1, _options.TokenFailures.WindowSeconds));

    public async Task InvokeAsync(HttpContext http, RequestDelegate next)
    {
        var address = "ip:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        using var request = _requests.AttemptAcquire(address);
        if (!request.IsAcquired)
        {
            var retryAfter = request.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(_options.Token.WindowSeconds);
            await RejectAsync(http, retryAfter);
            return;
        }
        var counting = _options.TokenFailures.PermitLimit > 0;
        // The client id is the caller's text: encoded, so that it cannot spell another key (such as a pair's).
        var (clientId, unreadable) = await ClientIdAsync(http);
        var client = clientId is not null ? "token:client:" + clientId.Replace("%", "%25", StringComparison.Ordinal).Replace("|", "%7C", StringComparison.Ordinal) : null;
        // One failure per client id and address: this address has already failed for this client in the window.
        var pair = client is null ? null : client + "|" + address;
        address = "token:" + address;
        if (counting && await RefusedAsync(http, address))
        {
            return;
        }
        if (unreadable is not null)
        {
            // OpenIddict would read the form again and throw (a 500): answered here in its error shape, and counted.
            http.Response.StatusCode = StatusCodes.Status400BadRequest;
            await http.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = "invalid_request",
                ["error_description"] = $"The request form could not be read: {unreadable.Message}",
            }, http.RequestAborted);
            if (counting)
            {
                await _failures.AddAsync(address, FailureWindow);
            }
            return;
        }
        if (counting && client is not null && pair is not null && (await _failures.GetAsync(pair)).Count > 0 && await RefusedAsync(http, client))
        {
            return;
        }
        await next(http);
        if (counting && http.Response.StatusCode is StatusCodes.Status400BadRequest or StatusCodes.Status401Unauthorized)
        {
            await _failures.AddAsync(address, FailureWindow);
            if (client is not null && pair is not null)
            {
                await _failures.AddAsync(client, FailureWindow);
                await _failures.AddAsync(pair, FailureWindow);
            }
        }
    }

    private async Task<bool> RefusedAsync(HttpContext http, string key)
    {
        var (failures, remaining) = await _failures.GetAsync(key);
        if (failures < _options.TokenFailures.PermitLimit)
        {
            return false;
        }
        await RejectAsync(http, remaining);
        return true;
    }

    public void Dispose() => _requests.Dispose();

    // The client id of a form post or of HTTP Basic credentials, as OpenIddict reads them; or the form reader's refusal.
    private static async Task<(string? ClientId, InvalidDataException? Unreadable)> ClientIdAsync(HttpContext http)
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
            catch (InvalidDataException e)
            {
                return (null, e); // over the form's limits, or not a form
            }
            catch (IOException)
            {
                clientId = null; // a body Kestrel refused or a client gone: ClientAborts answers it when OpenIddict reads again
            }
        }
        return (string.IsNullOrEmpty(clientId) ? null : clientId.Length > MaxClientIdLength ? clientId[..MaxClientIdLength] : clientId, null);
    }

    private static async Task RejectAsync(HttpContext http, TimeSpan retryAfter)
    {
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(new { error = "too_many_requests", message = "Too many token requests; try again later." }, http.RequestAborted);
    }
}
