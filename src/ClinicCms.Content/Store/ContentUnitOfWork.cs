using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>Lets rooms above the store run many writes as one transaction without touching the DbContext.</summary>
public sealed class ContentUnitOfWork(ClinicCmsDbContext db)
{
    public Task<OwnedTransaction> BeginAsync(CancellationToken cancellationToken = default) => OwnedTransaction.BeginAsync(db, cancellationToken);

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
