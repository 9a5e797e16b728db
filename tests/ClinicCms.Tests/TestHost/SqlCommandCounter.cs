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

    /// <summary>Counts the commands of the app's context, whichever provider the test run uses.</summary>
    public void CountIn(IServiceCollection services) => services
        .ConfigureDbContext<ClinicCms.Content.Store.SqliteClinicCmsDbContext>(o => o.AddInterceptors(this))
        .ConfigureDbContext<ClinicCms.Content.Store.PostgresClinicCmsDbContext>(o => o.AddInterceptors(this));

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
