using System.Threading.RateLimiting;
using ClinicCms.Web.Security;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Media;

/// <summary>
/// How many variants not yet in the cache one address may have made per window (ClinicCms:Media:NewVariants). Without
/// it, one anonymous caller asking for ever-new sizes, qualities and colours fills the resize queue for every visitor
/// and cycles the capped cache. Variants already made are served without counting.
/// </summary>
public sealed class NewVariantBudget : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public NewVariantBudget(IOptions<MediaOptions> options)
    {
        var limit = options.Value.NewVariants;
        _limiter = PartitionedRateLimiter.Create<string, string>(address => limit.PermitLimit <= 0
            ? RateLimitPartition.GetNoLimiter("off")
            : RateLimitPartition.GetFixedWindowLimiter(address, _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = TimeSpan.FromSeconds(Math.Max(1, limit.WindowSeconds)),
                QueueLimit = 0,
            }));
    }

    /// <summary>Null when the address may make one more variant; else how long until it may.</summary>
    public TimeSpan? Refusal(HttpContext http)
    {
        using var lease = _limiter.AttemptAcquire(http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return lease.IsAcquired ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
    }

    public void Dispose() => _limiter.Dispose();
}
