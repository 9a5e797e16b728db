using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClinicCms.Content.Store;

/// <summary>
/// Joins the caller's transaction when there is one (a recipe, setup), else begins its own, so that each
/// write is atomic alone and also part of a larger all-or-nothing run.
/// </summary>
public sealed class OwnedTransaction : IAsyncDisposable
{
    private readonly IDbContextTransaction? _owned;

    private OwnedTransaction(IDbContextTransaction? owned) => _owned = owned;

    public static async Task<OwnedTransaction> BeginAsync(DbContext db, CancellationToken cancellationToken = default) =>
        new(db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null);

    public Task CommitAsync(CancellationToken cancellationToken = default) =>
        _owned?.CommitAsync(cancellationToken) ?? Task.CompletedTask;

    public ValueTask DisposeAsync() => _owned?.DisposeAsync() ?? ValueTask.CompletedTask;
}
