namespace ClinicCms.Web.Webhooks;

/// <summary>Settings of webhook delivery (<c>ClinicCms:Webhooks</c>).</summary>
public sealed class WebhookOptions
{
    public const string Section = "ClinicCms:Webhooks";

    /// <summary>Six retries over about 20 hours, then the delivery has failed.</summary>
    public static readonly IReadOnlyList<int> DefaultRetryDelaysSeconds = [60, 300, 1800, 7200, 21600, 43200];

    /// <summary>
    /// Seconds to wait before each retry, in order (a list, or one comma-separated value such as <c>"0,0,0"</c>); a delivery
    /// is tried once plus once per entry. Read by <see cref="WebhookServiceCollectionExtensions"/>, not by the binder,
    /// which would add the configured list to the default one.
    /// </summary>
    public IReadOnlyList<TimeSpan> RetryDelays { get; set; } = [.. DefaultRetryDelaysSeconds.Select(s => TimeSpan.FromSeconds(s))];

    /// <summary>Whether deliveries may go to loopback, private, link-local and other non-public addresses (off: refused).</summary>
    public bool AllowPrivateTargets { get; set; }

    /// <summary>Seconds between two checks for due deliveries (retries, and deliveries another instance left); a local write wakes the deliverer at once.</summary>
    public double PollIntervalSeconds { get; set; } = 5;

    /// <summary>
    /// How many webhooks this instance sends to at the same time. Each has its own lane (one delivery at a time, oldest
    /// first), so a receiver that is slow to answer holds up only its own deliveries.
    /// </summary>
    public int MaxConcurrentTargets { get; set; } = 8;

    /// <summary>Seconds a receiver has to answer.</summary>
    public double TimeoutSeconds { get; set; } = 10;

    /// <summary>Days a delivered or failed delivery and its attempts stay in the log; the deliverer deletes older ones once a day. 0 keeps them.</summary>
    public int LogRetentionDays { get; set; } = 30;

    /// <summary>
    /// Whether this instance sends deliveries; several may, as each attempt is claimed by one. (A webhook's own
    /// <c>Enabled</c>, in the admin and the recipe step, says whether it gets deliveries at all.)
    /// </summary>
    public bool SendDeliveries { get; set; } = true;
}
