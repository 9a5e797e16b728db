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
    /// Commits unless <paramref name="cancellationToken"/> is cancelled before it begins. Once begun it is not
    /// cancelled: stopped half way, PostgreSQL may have committed what the caller then takes for rolled back and never
    /// announces. What runs as part of the commit (the audit rows, the webhook outbox, search index updates) runs to
    /// its end too.
    /// </summary>
    public async Task CommitAsync(CancellationToken cancellationToken = default)
    {
        if (_owned is not null)
        {
            cancellationToken.ThrowIfCancellationRequested();
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
