using ClinicCms.Content.Webhooks;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Webhooks;

/// <summary>
/// Sends due deliveries from the outbox: at once when this instance commits one (<see cref="WebhookWakeup"/>), and every
/// <see cref="WebhookOptions.PollIntervalSeconds"/> for retries and for deliveries another instance left. Each attempt
/// is claimed first, so of several instances one sends it; each is logged, then the delivery is done, due again after
/// its retry delay, or failed.
/// </summary>
public sealed partial class WebhookDeliverer(IServiceScopeFactory scopes, WebhookSender sender, WebhookWakeup wakeup, IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDeliverer> logger) : BackgroundService
{
    /// <summary>Due deliveries taken per check; more are taken at once after a full batch.</summary>
    public const int BatchSize = 20;

    private const int Parallel = 4;

    // Unique per instance, also for two instances in one process (tests).
    private readonly string _instance = $"{Environment.MachineName[..Math.Min(20, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    private DateTime _nextPruneUtc = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (clock.GetUtcNow().UtcDateTime >= _nextPruneUtc)
                {
                    await PruneAsync(stoppingToken);
                    _nextPruneUtc = clock.GetUtcNow().UtcDateTime.AddDays(1);
                }
                while (await RunOnceAsync(stoppingToken) > 0)
                {
                    // Something was sent: retries due at once (a zero delay) and more deliveries may be waiting.
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(e); // the database may be away for a moment: the next check tries again
            }
            await wakeup.WaitAsync(TimeSpan.FromSeconds(Math.Max(0.05, options.CurrentValue.PollIntervalSeconds)), stoppingToken);
        }
    }

    /// <summary>One check: every due delivery this instance claims is sent once. Returns how many it sent.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        List<string> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            due = await scope.ServiceProvider.GetRequiredService<WebhookDeliveries>().ListDueAsync(clock.GetUtcNow().UtcDateTime, BatchSize, cancellationToken);
        }
        var sent = 0;
        await System.Threading.Tasks.Parallel.ForEachAsync(due, new ParallelOptions { MaxDegreeOfParallelism = Parallel, CancellationToken = cancellationToken }, async (id, ct) =>
        {
            try
            {
                if (await AttemptAsync(id, ct))
                {
                    Interlocked.Increment(ref sent);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                // One attempt's failure (its webhook deleted meanwhile, say) must not cancel the others of the batch.
                LogAttemptFailed(e, id);
            }
        });
        return sent;
    }

    /// <summary>
    /// Deletes delivered and failed deliveries older than <see cref="WebhookOptions.LogRetentionDays"/>, with their attempts;
    /// run once a day. Each instance runs it; deleting the same old rows twice is harmless. Returns how many it deleted.
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken = default)
    {
        var days = options.CurrentValue.LogRetentionDays;
        if (days <= 0)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var deleted = await scope.ServiceProvider.GetRequiredService<WebhookDeliveries>()
            .DeleteFinishedBeforeAsync(clock.GetUtcNow().UtcDateTime.AddDays(-days), cancellationToken);
        if (deleted > 0)
        {
            LogPruned(deleted, days);
        }
        return deleted;
    }

    private async Task<bool> AttemptAsync(string id, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var deliveries = scope.ServiceProvider.GetRequiredService<WebhookDeliveries>();
        var settings = options.CurrentValue;
        var lease = TimeSpan.FromSeconds(settings.TimeoutSeconds + 60);
        if (await deliveries.ClaimAsync(id, clock.GetUtcNow().UtcDateTime, lease, _instance, cancellationToken) is not { } delivery)
        {
            return false;
        }
        var result = delivery.Enabled
            ? await sender.SendAsync(delivery, cancellationToken)
            : new WebhookAttemptResult(null, 0, "the webhook is disabled");
        await deliveries.RecordAsync(delivery, _instance, result, settings.RetryDelays, final: !delivery.Enabled || result.Final, CancellationToken.None);
        if (result.Final)
        {
            LogRefused(delivery.Id, delivery.WebhookId, result.Error);
        }
        else if (!result.Delivered)
        {
            LogFailed(delivery.Id, delivery.WebhookId, delivery.Attempts + 1, result.Error);
        }
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "Webhooks: attempt {Attempt} of delivery {DeliveryId} to webhook {WebhookId} failed: {Error}")]
    private partial void LogFailed(string deliveryId, long webhookId, int attempt, string? error);

    [LoggerMessage(LogLevel.Warning, "Webhooks: delivery {DeliveryId} to webhook {WebhookId} has failed without retries: {Error}")]
    private partial void LogRefused(string deliveryId, long webhookId, string? error);

    [LoggerMessage(LogLevel.Error, "Webhooks: the attempt of delivery {DeliveryId} could not be made or recorded; the others go on")]
    private partial void LogAttemptFailed(Exception exception, string deliveryId);

    [LoggerMessage(LogLevel.Information, "Webhooks: {Count} finished deliveries older than {Days} days deleted, with their attempts")]
    private partial void LogPruned(int count, int days);

    [LoggerMessage(LogLevel.Error, "Webhooks: the check for due deliveries failed; the next one tries again")]
    private partial void LogCheckFailed(Exception exception);
}
