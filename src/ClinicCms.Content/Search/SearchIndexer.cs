using System.Data.Common;
using System.Runtime.CompilerServices;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Localization;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicCms.Content.Search;

/// <summary>
/// Keeps the search index in step with content, in the content's own transaction: just before it commits, the items
/// its changes name get their published and latest versions indexed again (a deleted or unpublished version simply
/// is not there any more), so every write path (admin, REST, recipes, the scheduler) is covered and a rolled-back
/// write leaves the index as it was. When definitions or the site settings change, each type whose search shape
/// changed (<see cref="SearchSource.Fingerprint"/>) is rebuilt in that transaction too. With
/// <see cref="SearchOptions.Enabled"/> off it writes no documents and forgets the written types' fingerprints, so the
/// next start with search on rebuilds them (or <c>index rebuild</c>).
/// </summary>
public sealed class SearchIndexer(ISearchIndex index, IOptions<SearchOptions> options, ContentDefinitionStore.Cache definitions, SiteCultures.Cache cultures,
    ILogger<SearchIndexer> logger)
    : IDbTransactionInterceptor
{
    private const int Page = 500;

    private readonly SearchSource _source = new(definitions, cultures);

    // What imports handed over, per transaction; an entry goes with its transaction when that is rolled back.
    private readonly ConditionalWeakTable<DbTransaction, PreparedDocuments> _prepared = new();

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Abandon(transaction);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Abandon(transaction);
        return Task.CompletedTask;
    }

    // An import rolled back: its documents' work still queued or running on other connections stops.
    private void Abandon(DbTransaction transaction)
    {
        if (_prepared.TryGetValue(transaction, out var prepared))
        {
            _prepared.Remove(transaction);
            prepared.Abandon();
        }
    }

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        WriteAsync(transaction, eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        await WriteAsync(transaction, eventData.Context, cancellationToken);
        return result;
    }

    private async Task WriteAsync(DbTransaction transaction, DbContext? context, CancellationToken cancellationToken)
    {
        if (context is not ClinicCmsDbContext db)
        {
            return;
        }
        var prepared = _prepared.TryGetValue(transaction, out var found) ? found : null;
        _prepared.Remove(transaction);
        var changes = db.PendingChanges.Queued;
        // A review or a schedule changes no text; every other item change may.
        var items = changes.Where(c => c.IsItemChange && c.Kind is not (ChangeKind.Reviewed or ChangeKind.Scheduled) && c.ContentType is not null).ToList();
        if (!options.Value.Enabled)
        {
            // The index misses this write: its types are marked stale, for the next start with search on to rebuild.
            await SearchSource.SaveFingerprintsAsync(transaction, [.. items.Select(c => c.ContentType!).Distinct(StringComparer.Ordinal)], new Dictionary<string, string>(), cancellationToken);
            return;
        }
        var siteChanged = changes.Any(c => c.Kind is ChangeKind.Definitions or ChangeKind.Settings);
        if (items.Count == 0 && !siteChanged)
        {
            return;
        }
        var (definitions, defaultCulture) = await _source.SiteAsync(transaction, siteChanged, cancellationToken);
        var wholeTypes = items.Where(c => c.ContentItemId is null).Select(c => c.ContentType!).ToHashSet(StringComparer.Ordinal);
        var rebuilt = siteChanged || wholeTypes.Count > 0
            ? (await RefreshAsync(transaction, definitions, defaultCulture, wholeTypes, cancellationToken)).Keys.ToHashSet(StringComparer.Ordinal)
            : [];
        var ids = items.Where(c => c.ContentItemId is not null && !rebuilt.Contains(c.ContentType!)).Select(c => c.ContentItemId!).Distinct().ToList();
        if (ids.Count == 0)
        {
            return;
        }
        await index.RemoveItemsAsync(transaction, ids, cancellationToken);
        await index.AddAsync(transaction, await DocumentsAsync(transaction, ids, prepared, definitions, defaultCulture, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// Lets an import hand over each version it writes in <paramref name="db"/>'s transaction, for its document to be
    /// built while the import goes on (<see cref="PreparedDocuments"/>); null when search is off or there is no transaction.
    /// </summary>
    internal Action<ContentItemVersionRow, ContentItem>? PrepareFor(DbContext db, ContentDefinitionSet definitions, string? defaultCulture)
    {
        if (!options.Value.Enabled || db.Database.CurrentTransaction?.GetDbTransaction() is not { } transaction)
        {
            return null;
        }
        var prepared = _prepared.GetValue(transaction, _ => new PreparedDocuments(index, transaction.Connection!, logger));
        return (row, item) => prepared.Add(row, item, definitions, defaultCulture);
    }

    private async Task<List<SearchDocument>> DocumentsAsync(DbTransaction transaction, List<string> ids, PreparedDocuments? prepared,
        ContentDefinitionSet definitions, string? defaultCulture, CancellationToken cancellationToken)
    {
        if (prepared is null)
        {
            return Documents(await SearchSource.ItemsAsync(transaction, ids, cancellationToken), definitions, defaultCulture);
        }
        var (documents, unprepared) = await prepared.TakeAsync(await SearchSource.ActiveAsync(transaction, ids, cancellationToken), definitions, defaultCulture);
        if (unprepared.Count > 0)
        {
            documents.AddRange(Documents(await SearchSource.ItemsAsync(transaction, unprepared, cancellationToken), definitions, defaultCulture));
        }
        return documents;
    }

    /// <summary>
    /// Rebuilds, in the transaction, the types in <paramref name="rebuild"/> and every type whose search shape changed
    /// since it was indexed (or that was never indexed), and drops the documents of deleted types. Returns the
    /// documents indexed per rebuilt type.
    /// </summary>
    public async Task<Dictionary<string, int>> RefreshAsync(DbTransaction transaction, ContentDefinitionSet definitions, string? defaultCulture,
        IReadOnlySet<string> rebuild, CancellationToken cancellationToken)
    {
        var stored = await SearchSource.FingerprintsAsync(transaction, cancellationToken);
        var current = definitions.Types.ToDictionary(t => t.Name, t => SearchSource.Fingerprint(t, definitions, defaultCulture), StringComparer.Ordinal);
        var stale = current.Where(t => rebuild.Contains(t.Key) || stored.GetValueOrDefault(t.Key) != t.Value).ToDictionary(StringComparer.Ordinal);
        var removed = stored.Keys.Where(t => !current.ContainsKey(t)).ToList();
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        if (stale.Count == 0 && removed.Count == 0)
        {
            return counts;
        }
        await index.RemoveTypesAsync(transaction, [.. stale.Keys, .. removed], cancellationToken);
        foreach (var type in stale.Keys)
        {
            var count = 0;
            for (long after = 0; ;)
            {
                var (versions, last) = await SearchSource.TypePageAsync(transaction, type, after, Page, cancellationToken);
                var documents = Documents(versions, definitions, defaultCulture);
                await index.AddAsync(transaction, documents, cancellationToken);
                count += documents.Count;
                if (versions.Count < Page)
                {
                    break;
                }
                after = last;
            }
            counts[type] = count;
        }
        await SearchSource.SaveFingerprintsAsync(transaction, removed, stale, cancellationToken);
        return counts;
    }

    /// <summary><see cref="RefreshAsync"/> with the definitions and default culture the transaction sees.</summary>
    public async Task<Dictionary<string, int>> RefreshAsync(DbTransaction transaction, bool everyType, CancellationToken cancellationToken)
    {
        var (definitions, defaultCulture) = await _source.SiteAsync(transaction, changedBySite: false, cancellationToken);
        return await RefreshAsync(transaction, definitions, defaultCulture,
            everyType ? definitions.Types.Select(t => t.Name).ToHashSet(StringComparer.Ordinal) : new HashSet<string>(), cancellationToken);
    }

    // Texts are collected on this thread (the definitions' JSON is read lazily), then built and prepared on every core.
    private List<SearchDocument> Documents(List<IndexedVersion> versions, ContentDefinitionSet definitions, string? defaultCulture)
    {
        var shapes = new Dictionary<string, List<SearchTexts.TextSource>?>(StringComparer.Ordinal);
        var collected = new List<SearchTexts.CollectedTexts>(versions.Count);
        foreach (var (item, culture) in versions)
        {
            if (!shapes.TryGetValue(item.ContentType, out var shape))
            {
                shapes[item.ContentType] = shape = SearchTexts.ShapeOf(item.ContentType, definitions);
            }
            if (shape is not null)
            {
                collected.Add(SearchTexts.Collect(item, culture, item.Published, item.Latest, shape, defaultCulture));
            }
        }
        return OrderedMap.Of(collected, texts => index.Prepare(texts.Build()));
    }
}
