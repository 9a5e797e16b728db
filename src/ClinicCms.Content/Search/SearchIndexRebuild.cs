using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClinicCms.Content.Search;

/// <summary>
/// Rebuilds the search index from the store in one transaction (<c>index rebuild</c>), or only the types indexed under
/// an older search shape or never indexed (at start, so a site that had content before search came gets its index).
/// </summary>
public sealed class SearchIndexRebuild(ClinicCmsDbContext db, SearchIndexer indexer)
{
    /// <summary>The documents indexed per type rebuilt.</summary>
    public async Task<IReadOnlyDictionary<string, int>> RebuildAsync(bool everyType, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var counts = await indexer.RefreshAsync(db.Database.CurrentTransaction!.GetDbTransaction(), everyType, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return counts;
    }
}
