using System.Collections.Concurrent;
using ClinicCms.Content.Webhooks;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Webhooks;

/// <summary>
/// Sends due deliveries from the outbox: at once when this instance commits one (<see cref="WebhookWakeup"/>), and every
/// <see cref="WebhookOptions.PollIntervalSeconds"/> for retries and for deliveries another instance left. Each webhook
/// has its own lane: its due deliveries go out one at a time, oldest first, while the lanes of other webhooks run beside
/// it (up to <see cref="WebhookOptions.MaxConcurrentTargets"/>), so a slow receiver only slows itself. Each attempt is
/// claimed first, so of several instances one sends it; each is logged, then the delivery is done, due again after its
/// retry delay, or failed.
/// </summary>
public sealed partial class WebhookDeliverer(IServiceScopeFactory scopes, WebhookSender sender, WebhookWakeup wakeup, IOptionsMonitor<WebhookOptions> options,
    TimeProvider clock, ILogger<WebhookDeliverer> logger) : BackgroundService
{
    /// <summary>Due deliveries a lane takes per query; it asks again after a full batch.</summary>
    public const int BatchSize = 20;

    // Unique per instance, also for two instances in one process (tests).
    private readonly string _instance = $"{Environment.MachineName[..Math.Min(20, Environment.MachineName.Length)]}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    // The running lanes, by webhook id; a lane removes itself when it has nothing due left.
    private readonly ConcurrentDictionary<long, Task<int>> _lanes = new();

    private DateTime _nextPruneUtc = DateTime.MinValue;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
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
                    await StartLanesAsync(stoppingToken); // not awaited: a lane that waits on its receiver holds up no other
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogCheckFailed(e); // the database may be away for a moment: the next check tries again
                }
                await wakeup.WaitAsync(TimeSpan.FromSeconds(Math.Max(0.05, options.CurrentValue.PollIntervalSeconds)), stoppingToken);
            }
        }
        finally
        {
            await Task.WhenAll(_lanes.Values); // lanes end on the stopping token and never throw
        }
    }

    /// <summary>
    /// One check: a lane for each webhook with due deliveries (and none running yet, up to the bound), each sending its
    /// webhook's due deliveries once. Returns how many the lanes it started sent, once they are done.
    /// </summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default) => (await Task.WhenAll(await StartLanesAsync(cancellationToken))).Sum();

    /// <summary>Starts a lane for each webhook with due deliveries that has none, while fewer than the bound run; returns the lanes it started.</summary>
    private async Task<List<Task<int>>> StartLanesAsync(CancellationToken cancellationToken)
    {
        var max = Math.Max(1, options.CurrentValue.MaxConcurrentTargets);
        var started = new List<Task<int>>();
        if (_lanes.Count >= max)
        {
            return started;
        }
        List<long> targets;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // Busy targets are asked for too, so that they do not crowd out the idle ones.
            targets = await scope.ServiceProvider.GetRequiredService<WebhookDeliveries>()
                .ListDueTargetsAsync(clock.GetUtcNow().UtcDateTime, max + _lanes.Count, cancellationToken);
        }
        foreach (var webhookId in targets)
        {
            if (_lanes.Count >= max)
            {
                break;
            }
            var lane = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            if (_lanes.TryAdd(webhookId, lane.Task))
            {
                _ = RunLaneAsync(webhookId, lane, cancellationToken);
                started.Add(lane.Task);
            }
        }
        return started;
    }

    /// <summary>Sends one webhook's due deliveries one at a time, oldest first, until none is due; then leaves the lane free.</summary>
    private async Task RunLaneAsync(long webhookId, TaskCompletionSource<int> lane, CancellationToken cancellationToken)
    {
        await Task.Yield();
        var sent = 0;
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                List<string> due;
                await using (var scope = scopes.CreateAsyncScope())
                {
                    due = await scope.ServiceProvider.GetRequiredService<WebhookDeliveries>().ListDueAsync(webhookId, clock.GetUtcNow().UtcDateTime, BatchSize, cancellationToken);
                }
                var before = sent;
                foreach (var id in due)
                {
                    sent += await TryAttemptAsync(id, cancellationToken) ? 1 : 0;
                }
                if (sent == before)
                {
                    break; // nothing due, or all of it claimed by another instance
                }
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogCheckFailed(e);
        }
        catch (OperationCanceledException)
        {
            // Stopping: a claimed attempt's lease runs out and it is sent again.
        }
        finally
        {
            _lanes.TryRemove(webhookId, out _);
            lane.TrySetResult(sent);
            wakeup.Signal(); // a delivery written while the lane was closing, or a target that waited for room, goes out now
        }
    }

    private async Task<bool> TryAttemptAsync(string id, CancellationToken cancellationToken)
    {
        try
        {
            return await AttemptAsync(id, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // One attempt's failure (its webhook deleted meanwhile, say) must not stop the deliveries after it.
            LogAttemptFailed(e, id);
            return false;
        }
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
