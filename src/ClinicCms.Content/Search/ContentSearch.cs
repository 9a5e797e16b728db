using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Reading;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClinicCms.Content.Search;

/// <summary>One match with its version, as the reader loads it.</summary>
public sealed record SearchResult(SearchHit Hit, ContentItem Item);

/// <summary>Site search for a unit of reads (a request), for the GraphQL search field.</summary>
public interface IContentSearch
{
    /// <summary>How many versions match in all, and one page of them, best first.</summary>
    Task<(int Total, IReadOnlyList<SearchResult> Results)> SearchAsync(SearchRequest request, CancellationToken cancellationToken);
}

/// <summary>
/// Asks the index on the read session's connection, then loads the
/// versions found as every read does. A version changed between the two queries, or no longer in the status asked
/// for, is left out.
/// </summary>
internal sealed class ContentSearch(ReadSession session, ContentItemLoader loader, IContentReader reader, ISearchIndex index, IOptions<SearchOptions> options)
    : IContentSearch
{
    public async Task<(int Total, IReadOnlyList<SearchResult> Results)> SearchAsync(SearchRequest request, CancellationToken cancellationToken)
    {
        if (!options.Value.Enabled)
        {
            throw new SearchQueryException($"Site search is off on this site ({SearchOptions.Section}:Enabled is false).");
        }
        var db = await session.ContextAsync(cancellationToken);
        var page = await index.SearchAsync(db.Database.GetDbConnection(), request, cancellationToken);
        if (page.Hits.Count == 0)
        {
            return (page.Total, []);
        }
        // Nor is one whose owner changed since it was indexed out of the caller's scope.
        var items = (await ReadAsync(db, request.Status, page.Hits, cancellationToken))
            .Where(i => request.Scopes.Any(s => s.ContentType == i.ContentType && (s.Owner is null || s.Owner == i.Owner)))
            .ToDictionary(i => i.ContentItemVersionId, StringComparer.Ordinal);
        return (page.Total, [.. page.Hits.Where(h => items.ContainsKey(h.ContentItemVersionId)).Select(h => new SearchResult(h, items[h.ContentItemVersionId]))]);
    }

    // The rows decide, not the index: a version unpublished, replaced or deleted while the index missed it (a write
    // made with search off) is not served as if it were still in the status asked for.
    private async Task<IEnumerable<ContentItem>> ReadAsync(ClinicCmsDbContext db, PublicationStatus status, IReadOnlyList<SearchHit> hits, CancellationToken cancellationToken)
    {
        if (status == PublicationStatus.Published)
        {
            // The reader every published read goes through (the published index when it is current): the items'
            // published versions now, kept when they are still the versions found.
            var found = hits.Select(h => h.ContentItemVersionId).ToHashSet(StringComparer.Ordinal);
            return (await reader.LoadPublishedAsync([.. hits.Select(h => h.ContentItemId).Distinct(StringComparer.Ordinal)], cancellationToken))
                .Where(i => found.Contains(i.ContentItemVersionId));
        }
        var ids = hits.Select(h => h.ContentItemVersionId).ToList();
        var rows = db.ContentItems.AsNoTracking().Where(r => ids.Contains(r.ContentItemVersionId));
        rows = status == PublicationStatus.Draft ? rows.Where(r => r.Latest && !r.Published) : rows.Where(r => r.Latest);
        return await loader.ReadAsync(rows, cancellationToken);
    }
}
