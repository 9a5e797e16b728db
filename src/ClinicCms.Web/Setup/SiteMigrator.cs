using System.Data.Common;
using ClinicCms.Content.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Setup;

/// <summary>
/// Brings the database to the current migration and tells whether the site was set up. Every start needs it, so it
/// holds only the database and search: the recipe machinery that setting a site up needs (<see cref="SetupService"/>)
/// is built only for a site that is not set up yet.
/// </summary>
public sealed partial class SiteMigrator(
    ClinicCmsDbContext db,
    ClinicCms.Content.Search.SearchIndexRebuild search,
    IOptions<ClinicCms.Content.Search.SearchOptions> searchOptions,
    ILogger<SiteMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        var applied = await AppliedMigrationsAsync(cancellationToken);
        if (applied is null)
        {
            await CreateDatabaseAndHistoryAsync(cancellationToken);
        }
        // Migrate only when a migration is pending: MigrateAsync also compares the model with the last migration's
        // snapshot, which on a site that is up to date was a large part of the start.
        if (applied is null || db.Database.GetMigrations().Any(id => !applied.Contains(id)))
        {
            await db.Database.MigrateAsync(cancellationToken);
        }
        if (searchOptions.Value.Enabled)
        {
            // Types never indexed or indexed under an older shape: a site with content from before search, or written
            // while search was off. Cheap when every type is current (one small query).
            await search.RebuildAsync(everyType: false, cancellationToken);
        }
        if (db.Database.IsSqlite())
        {
            // WAL lets readers go on while a recipe or an editor writes.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            // Gathers planner statistics where they are missing or stale (cheap when they are fine), so lookups
            // by path use the Path index on a site that grew through editors' saves rather than a bulk recipe.
            await db.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", cancellationToken);
        }
    }

    /// <summary>
    /// The ids of the applied migrations, or null for a new site (no database or no history table yet). EF Core's own
    /// check (GetPendingMigrationsAsync) first builds a model of its history table through the model conventions,
    /// which compiles and runs much code on every start; the ids are read with one statement instead.
    /// </summary>
    private async Task<HashSet<string>?> AppliedMigrationsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // A PostgreSQL database that does not exist yet fails at the open: expected, so EF Core logs it at Debug.
            return await StatementAsync("SELECT \"MigrationId\" FROM \"__EFMigrationsHistory\"", async command =>
            {
                var ids = new HashSet<string>(StringComparer.Ordinal);
                await using var reader = await command.ExecuteReaderAsync(cancellationToken);
                while (await reader.ReadAsync(cancellationToken))
                {
                    ids.Add(reader.GetString(0));
                }
                return ids;
            }, cancellationToken, errorsExpected: true);
        }
        catch (DbException e) when (IsNewSite(e))
        {
            return null;
        }
        catch (DbException e)
        {
            // Expected errors are logged at Debug, and this one was not expected: a wrong password, a server down.
            CannotRead(logger, e.Message, e);
            throw;
        }
    }

    // PostgreSQL: no such database (3D000) or table (42P01); SQLite creates the file at the open, and misses the table.
    private static bool IsNewSite(DbException e) =>
        e.SqlState is "3D000" or "42P01" || (e is SqliteException { SqliteErrorCode: 1 } && e.Message.Contains("no such table", StringComparison.Ordinal));

    // Created before the migration runs, because its first looks at them (on PostgreSQL) are logged as errors when
    // they are missing.
    private async Task CreateDatabaseAndHistoryAsync(CancellationToken cancellationToken)
    {
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The database could not be read: {Reason}")]
    private static partial void CannotRead(ILogger logger, string reason, Exception exception);

    /// <summary>
    /// One statement rather than a LINQ query: the first LINQ query compiles EF Core's query pipeline, which the start
    /// should not wait for (the first requests' queries compile it beside the server's start instead).
    /// </summary>
    public Task<bool> IsSetUpAsync(CancellationToken cancellationToken = default) =>
        StatementAsync("SELECT 1 FROM \"SiteDocuments\" WHERE \"Name\" = @name LIMIT 1", async command =>
        {
            var name = command.CreateParameter();
            name.ParameterName = "@name";
            name.Value = SiteDocumentNames.Setup;
            command.Parameters.Add(name);
            return await command.ExecuteScalarAsync(cancellationToken) is not null;
        }, cancellationToken);

    // A statement on the context's connection and transaction, without EF Core's query pipeline.
    private async Task<T> StatementAsync<T>(string sql, Func<System.Data.Common.DbCommand, Task<T>> run, CancellationToken cancellationToken, bool errorsExpected = false)
    {
        await db.GetService<IRelationalConnection>().OpenAsync(cancellationToken, errorsExpected);
        try
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction(); // PostgreSQL needs it named inside one
            command.CommandText = sql;
            return await run(command);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }
}
