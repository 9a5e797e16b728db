using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClinicCms.Content.Store;

/// <summary>
/// Joins the caller's transaction when there is one (a recipe, setup), else begins its own, so that each
/// write is atomic alone and also part of a larger all-or-nothing run. The changes a write queues are announced
/// when the outermost transaction commits; disposing an owned transaction without committing drops them.
/// </summary>
public sealed class OwnedTransaction : IAsyncDisposable
{
    private readonly DbContext _db;
    private readonly IDbContextTransaction? _owned;
    private bool _committed;

    private OwnedTransaction(DbContext db, IDbContextTransaction? owned) => (_db, _owned) = (db, owned);

    public static async Task<OwnedTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default) =>
        new(db, db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);

    /// <summary>
    /// Commits, without a cancellation token: once the writes are done, a client leaving must not stop the commit
    /// half way, where PostgreSQL may have committed what the caller then takes for rolled back and never announces.
    /// </summary>
    public async Task CommitAsync()
    {
        if (_owned is not null)
        {
            await _owned.CommitAsync(CancellationToken.None);
            _committed = true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_owned is null)
        {
            return;
        }
        if (!_committed && _db is ClinicCmsDbContext context)
        {
            context.PendingChanges.Clear(); // rolled back: nothing it wrote happened
        }
        await _owned.DisposeAsync();
    }
}
