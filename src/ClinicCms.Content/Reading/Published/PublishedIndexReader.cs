using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// A reader that answers from the <see cref="PublishedIndex"/> what it can (published versions, no owner restriction,
/// equality filters, any order, lookups and pickers) and hands the rest to the reader it decorates. The snapshot is
/// chosen at its first use, so every read of the scope sees the same published state; none when the index is behind
/// the database's published revision, and then the inner reader answers everything.
/// </summary>
internal sealed class PublishedIndexReader(IContentReader inner, PublishedIndex index, ReadSession session, ContentItemLoader loader,
    Localization.SiteCultures cultures) : IContentReader
{
    private bool _chosen;
    private PublishedSnapshot? _snapshot;

    public async Task<IReadOnlyList<ContentItem>> ListAsync(ContentQuery query, CancellationToken cancellationToken)
    {
        if (await PlanAsync(query, cancellationToken) is ({ } snapshot, { } planned))
        {
            return await loader.ReadAsync(planned.Page(snapshot, query.Skip, query.First), cancellationToken);
        }
        return await inner.ListAsync(query, cancellationToken);
    }

    public async Task<int> CountAsync(ContentQuery query, CancellationToken cancellationToken) =>
        await PlanAsync(query, cancellationToken) is ({ } snapshot, { } planned)
            ? planned.Count(snapshot)
            : await inner.CountAsync(query, cancellationToken);

    public async Task<ContentItem?> FindPublishedAsync(string contentItemId, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(cancellationToken) is not { } snapshot)
        {
            return await inner.FindPublishedAsync(contentItemId, cancellationToken);
        }
        var items = await loader.ReadAsync(snapshot.Find(contentItemId) is { } row ? [row.Head] : [], cancellationToken);
        return items.Count == 0 ? null : items[0];
    }

    public async Task<IReadOnlyList<ContentItem>> LoadPublishedAsync(IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken)
    {
        if (await SnapshotAsync(cancellationToken) is not { } snapshot)
        {
            return await inner.LoadPublishedAsync(contentItemIds, cancellationToken);
        }
        var heads = new List<ContentItemVersionRow>(contentItemIds.Count);
        foreach (var id in contentItemIds)
        {
            if (snapshot.Find(id) is { } row)
            {
                heads.Add(row.Head);
            }
        }
        return await loader.ReadAsync(heads, cancellationToken);
    }

    /// <summary>The snapshot and the query on it, when the index can answer; else null, and the inner reader answers.</summary>
    private async ValueTask<(PublishedSnapshot, SnapshotQuery)?> PlanAsync(ContentQuery query, CancellationToken cancellationToken)
    {
        // Planned first: a query the index cannot answer costs no read of the revision.
        if (SnapshotQuery.TryPlan(query, await cultures.FallbackOfAsync(query, cancellationToken)) is not { } planned
            || await SnapshotAsync(cancellationToken) is not { } snapshot)
        {
            return null;
        }
        if (planned.MissingFrom(snapshot) is { Count: > 0 } fields)
        {
            index.Want(fields);
            return null;
        }
        return (snapshot, planned);
    }

    private async ValueTask<PublishedSnapshot?> SnapshotAsync(CancellationToken cancellationToken)
    {
        if (!_chosen)
        {
            _chosen = true;
            _snapshot = await index.RevisionAsync(session, cancellationToken) is { } revision ? index.For(revision) : null;
        }
        return _snapshot;
    }
}
