using ClinicCms.Content.Audit;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Audit;

/// <summary>
/// Deletes audit rows older than <see cref="AuditOptions.RetentionDays"/>: once at start, then once a day, on the app's
/// clock. Each instance runs it; deleting the same old rows twice is harmless.
/// </summary>
public sealed partial class AuditRetention(IServiceScopeFactory scopes, IOptions<AuditOptions> options, TimeProvider clock, ILogger<AuditRetention> logger)
    : BackgroundService
{
    private readonly TaskCompletionSource _firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the pass at start has run (or failed): rows written after it are only deleted a day later.</summary>
    public Task FirstPass => _firstPass.Task;

    /// <summary>One pass; returns how many rows it deleted.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        var days = options.Value.RetentionDays;
        if (days <= 0)
        {
            return 0;
        }
        await using var scope = scopes.CreateAsyncScope();
        var cutoff = clock.GetUtcNow().UtcDateTime.AddDays(-days);
        var deleted = await scope.ServiceProvider.GetRequiredService<AuditTrail>().DeleteBeforeAsync(cutoff, cancellationToken);
        if (deleted > 0)
        {
            LogDeleted(deleted, days);
        }
        return deleted;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = TimeSpan.FromDays(1);
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // The database may be away for a moment: try again within the hour rather than tomorrow.
                LogFailed(e);
                wait = TimeSpan.FromHours(1);
            }
            _firstPass.TrySetResult();
            await Task.Delay(wait, clock, stoppingToken);
        }
    }

    [LoggerMessage(LogLevel.Information, "Audit retention: {Count} rows older than {Days} days deleted")]
    private partial void LogDeleted(int count, int days);

    [LoggerMessage(LogLevel.Warning, "Audit retention pass failed")]
    private partial void LogFailed(Exception exception);
}
