using System.Data.Common;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenIddict.EntityFrameworkCore.Models;

namespace ClinicCms.Content.Changes;

/// <summary>
/// Announces a context's pending changes once its transaction has committed, and drops them when it rolls back.
/// A save outside any explicit transaction commits by itself, so its changes go out when the save returns. Saves
/// of API clients (OpenIddict's store writes them) queue an access change here, as no code of ours writes them.
/// </summary>
internal sealed class AnnounceAfterCommit(ContentChanges changes) : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => Announce(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Announce(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Drop(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Drop(eventData.Context);
        return Task.CompletedTask;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        QueueAccessChanges(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        QueueAccessChanges(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AnnounceIfCommitted(eventData.Context);
        return result;
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        AnnounceIfCommitted(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => DropIfAlone(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        DropIfAlone(eventData.Context);
        return Task.CompletedTask;
    }

    private void Announce(DbContext? context)
    {
        if (context is ClinicCmsDbContext db)
        {
            changes.Announce(db.PendingChanges.TakeAll(), local: true);
        }
    }

    private void AnnounceIfCommitted(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Announce(context);
        }
    }

    private static void Drop(DbContext? context) => (context as ClinicCmsDbContext)?.PendingChanges.Clear();

    private static void DropIfAlone(DbContext? context)
    {
        if (context?.Database.CurrentTransaction is null)
        {
            Drop(context);
        }
    }

    // States are set explicitly by OpenIddict's store (Update, Remove), so no change detection is needed to read them.
    private static void QueueAccessChanges(DbContext? context)
    {
        if (context is not ClinicCmsDbContext db)
        {
            return;
        }
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            if (tracker.Entries<OpenIddictEntityFrameworkCoreApplication>().Any(IsChangedOrRemoved))
            {
                db.PendingChanges.Add(ContentChange.Access);
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static bool IsChangedOrRemoved(EntityEntry entry) => entry.State is EntityState.Modified or EntityState.Deleted;
}
