using System.Threading.RateLimiting;

namespace ClinicCms.Web.Security;

/// <summary>A fixed window of permits per client address (the forwarded one behind a trusted proxy); none at a limit of 0.</summary>
public sealed class AddressBudget(RateLimit limit) : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter = PartitionedRateLimiter.Create<string, string>(address => limit.PermitLimit <= 0
        ? RateLimitPartition.GetNoLimiter("off")
        : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
            QueueLimit = 0,
        }));

    public RateLimit Limit => limit;

    /// <summary>Null when the address may go on (one permit taken); else how long until it may.</summary>
    public TimeSpan? Refusal(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
