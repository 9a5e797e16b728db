namespace ClinicCms.Content.Store;

/// <summary>Lets rooms above the store run many writes as one transaction without touching the DbContext.</summary>
public sealed class ContentUnitOfWork(ClinicCmsDbContext db)
{
    public Task<OwnedTransaction> BeginAsync(CancellationToken cancellationToken = default) => OwnedTransaction.BeginAsync(db, cancellationToken);

    /// <summary>Forgets tracked changes after a failed write, so the rolled-back state is what the next read sees.</summary>
    public void Reset() => db.ChangeTracker.Clear();
}
