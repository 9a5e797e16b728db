using ClinicCms.Content.Scheduling;
using ClinicCms.Content.Versions;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Scheduling;

/// <summary>
/// Publishes and archives content at its scheduled time (Orchard's PublishLater and ArchiveLater background tasks):
/// every interval, one indexed query for the versions due before the next check, then each, at its time, through
/// <see cref="ContentService"/> in a scope of its own, as the scheduler user. An item scheduled for a time inside the
/// current interval after its check ran waits for the next check, so none is acted on later than an interval after
/// its time. The change is announced like any other write's. Times are the app's clock's.
/// </summary>
public sealed partial class PublishScheduler(IServiceScopeFactory scopes, IOptions<SchedulingOptions> options, TimeProvider clock, ILogger<PublishScheduler> logger)
    : BackgroundService
{
    /// <summary>Due versions handled per check; more wait for the next one (and the check after a full batch comes at once).</summary>
    public const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = TimeSpan.FromSeconds(Math.Max(1, options.Value.IntervalSeconds));
        using var timer = new PeriodicTimer(interval);
        do
        {
            try
            {
                IReadOnlyList<ScheduledRun> runs;
                do
                {
                    runs = await RunOnceAsync(interval, stoppingToken);
                }
                while (runs.Count == BatchSize); // a full batch: more may be due
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogCheckFailed(e); // the database may be away for a moment: the next tick tries again
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>
    /// One check: every version due now or within <paramref name="lookAhead"/>, each published or archived at its time
    /// by this instance unless another claims it first.
    /// </summary>
    public async Task<IReadOnlyList<ScheduledRun>> RunOnceAsync(TimeSpan lookAhead = default, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<DueVersion> due;
        await using (var scope = scopes.CreateAsyncScope())
        {
            // The check alone: the write path is built only when something is due.
            due = await scope.ServiceProvider.GetRequiredService<DueVersions>().ListAsync(clock.GetUtcNow().UtcDateTime + lookAhead, BatchSize, cancellationToken);
        }
        var runs = new List<ScheduledRun>(due.Count);
        foreach (var version in due) // earliest first
        {
            // A timer may fire a little early; a claim before the due time would find nothing due and leave the item
            // to the next check, so wait until the clock has passed it.
            for (var wait = version.DueUtc - clock.GetUtcNow().UtcDateTime; wait >= TimeSpan.Zero; wait = version.DueUtc - clock.GetUtcNow().UtcDateTime)
            {
                await Task.Delay(wait + TimeSpan.FromMilliseconds(1), clock, cancellationToken);
            }
            await using var scope = scopes.CreateAsyncScope();
            var run = await scope.ServiceProvider.GetRequiredService<ContentService>().RunScheduledAsync(version, cancellationToken);
            Log(run);
            runs.Add(run);
        }
        return runs;
    }

    private void Log(ScheduledRun run)
    {
        switch (run.Outcome)
        {
            case ScheduledOutcome.Published or ScheduledOutcome.Archived:
                LogDone(run.Outcome, run.Due.ContentItemId, run.Due.DueUtc);
                break;
            case ScheduledOutcome.Cancelled:
                LogCancelled(run.Due.ContentItemId, run.Due.DueUtc, run.Problem);
                break;
        }
    }

    [LoggerMessage(LogLevel.Information, "Scheduler: {Outcome} {ContentItemId}, due {DueUtc:u}")]
    private partial void LogDone(ScheduledOutcome outcome, string contentItemId, DateTime dueUtc);

    [LoggerMessage(LogLevel.Warning, "Scheduler: the schedule of {ContentItemId}, due {DueUtc:u}, was cancelled: {Problem}")]
    private partial void LogCancelled(string contentItemId, DateTime dueUtc, string? problem);

    [LoggerMessage(LogLevel.Error, "Scheduler: the check for due content failed; the next one tries again")]
    private partial void LogCheckFailed(Exception exception);
}
