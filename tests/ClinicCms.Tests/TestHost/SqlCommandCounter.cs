using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.TestHost;

/// <summary>Counts the SQL commands EF Core sends, so tests can prove a request does not query per item.</summary>
public sealed class SqlCommandCounter : DbCommandInterceptor
{
    public ConcurrentQueue<string> Commands { get; } = new();

    public void Reset() => Commands.Clear();

    /// <summary>The app's clock: the system's, except while <see cref="HoldClock"/> holds it.</summary>
    public HeldClock Clock { get; } = new();

    /// <summary>
    /// Counts the commands of the app's context, whichever provider the test run uses, and gives the app
    /// <see cref="Clock"/>. The background checks (webhook deliveries every few seconds, the scheduler every minute) are
    /// spaced an hour apart, so that none of their queries falls inside a counted read on a slow machine.
    /// </summary>
    public void CountIn(IServiceCollection services) => services
        .AddSingleton(this) // the test host waits for the start warm-up's queries before a counting test begins
        .Configure<ClinicCms.Web.Webhooks.WebhookOptions>(o => o.PollIntervalSeconds = 3600)
        .Configure<ClinicCms.Web.Scheduling.SchedulingOptions>(o => o.IntervalSeconds = 3600)
        .AddSingleton<TimeProvider>(Clock)
        .ConfigureDbContext<ClinicCms.Content.Store.SqliteClinicCmsDbContext>(o => o.AddInterceptors(this))
        .ConfigureDbContext<ClinicCms.Content.Store.PostgresClinicCmsDbContext>(o => o.AddInterceptors(this));

    /// <summary>
    /// Stops the app's clock until disposed. The caches of definitions, permissions and settings ask the database
    /// for their version when their last check is older than a second by that clock: a read before the counted one,
    /// inside the hold, leaves them checked, so that no such check falls inside the counted window however slowly
    /// the machine runs (one did, and a count of one command became two).
    /// </summary>
    public IDisposable HoldClock() => Clock.Hold();

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Commands.Enqueue(command.CommandText);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Commands.Enqueue(command.CommandText);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Commands.Enqueue(command.CommandText);
        return base.ReaderExecuting(command, eventData, result);
    }
}

/// <summary>The system clock, which a test can stop for a moment (<see cref="Hold"/>); timers and timestamps stay the system's.</summary>
public sealed class HeldClock : TimeProvider
{
    private DateTimeOffset? _held;

    public override DateTimeOffset GetUtcNow() => _held ?? base.GetUtcNow();

    public IDisposable Hold()
    {
        _held = base.GetUtcNow();
        return new Release(this);
    }

    /// <summary>Moves a held clock on by <paramref name="by"/> (a retry delay, say) without waiting for it.</summary>
    public void Advance(TimeSpan by) => _held = (_held ?? throw new InvalidOperationException("Only a held clock is moved on.")) + by;

    private sealed class Release(HeldClock clock) : IDisposable
    {
        public void Dispose() => clock._held = null;
    }
}
