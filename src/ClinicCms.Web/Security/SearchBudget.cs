using System.Threading.RateLimiting;
using ClinicCms.GraphQL.Queries;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Security;

/// <summary>
/// GraphQL searches per address for anonymous callers (ClinicCms:Security:Search), on top of the API's limit: a search
/// ranks every match, so it costs the database far more than a list read. Each search field counts, aliases too;
/// an answer from the response cache runs no search and does not count. Signed-in users and API clients (a frontend's
/// server searching for its visitors) have only the API's budget.
/// </summary>
public sealed class SearchBudget : ISearchBudget, IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;
    private readonly RateLimit _limit;

    public SearchBudget(IOptions<SecurityOptions> options)
    {
        _limit = options.Value.Search;
        var limit = _limit;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => limit.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter("off")
            : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
                QueueLimit = 0,
            }));
    }

    public (string Message, TimeSpan RetryAfter)? Refusal(HttpContext http)
    {
        if (_limit.PermitLimit <= 0 || http.User.Identity?.IsAuthenticated == true)
        {
            return null;
        }
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        if (lease.IsAcquired)
        {
            return null;
        }
        var after = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        return ($"Too many searches from this address: at most {_limit.PermitLimit} per {Math.Max(1, _limit.WindowSeconds)} s without signing in; try again in {Math.Max(1, (int)Math.Ceiling(after.TotalSeconds))} s.", after);
    }

    public void Dispose() => _limiter.Dispose();
}
