using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>Lets rooms above the store run many writes as one transaction without touching the DbContext.</summary>
public sealed class ContentUnitOfWork(ClinicCmsDbContext db)
{
    public Task<OwnedTransaction> BeginAsync(CancellationToken cancellationToken = default) => OwnedTransaction.BeginAsync(db, cancellationToken);

    /// <summary>
    /// Gives SQLite's page cache room for a bulk write until disposed. A large recipe rewrites index pages all over a
    /// growing file, and SQLite's default cache (2 MB per connection) spilled them to disk constantly (bench/README.md
    /// has the figures). The cache only grows as pages are read, and the previous size
    /// comes back afterwards, because the connection returns to the pool. PostgreSQL needs nothing here.
    /// </summary>
    public async Task<IAsyncDisposable> RoomForBulkWriteAsync(CancellationToken cancellationToken = default)
    {
        if (db is not SqliteClinicCmsDbContext)
        {
            return NothingToRestore.Instance;
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        var previous = await PragmaAsync("PRAGMA cache_size", cancellationToken);
        await PragmaAsync("PRAGMA cache_size = -262144", cancellationToken);
        return new CacheSizeRestore(this, previous);
    }

    private async Task<object?> PragmaAsync(string sql, CancellationToken cancellationToken)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private Task CloseConnectionAsync() => db.Database.CloseConnectionAsync();

    private sealed class CacheSizeRestore(ContentUnitOfWork owner, object? previous) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            var size = Convert.ToInt64(previous ?? -2000L, System.Globalization.CultureInfo.InvariantCulture);
            await owner.PragmaAsync($"PRAGMA cache_size = {size}", CancellationToken.None);
            await owner.CloseConnectionAsync();
        }
    }

    private sealed class NothingToRestore : IAsyncDisposable
    {
        public static readonly NothingToRestore Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Forgets tracked changes after a failed write, so the rolled-back state is what the next read sees.</summary>
    public void Reset() => db.ChangeTracker.Clear();

    /// <summary>
    /// Refreshes the query planner's statistics after a bulk write. Without them SQLite guesses that the
    /// (ContentType, Published, ...) indexes beat the Path index, and a lookup by path walks every item of the type.
    /// </summary>
    public async Task RefreshStatisticsAsync(CancellationToken cancellationToken = default)
    {
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"ContentItemVersions\"", cancellationToken);
        await db.Database.ExecuteSqlRawAsync("ANALYZE \"ContentFieldIndex\"", cancellationToken);
    }
}
