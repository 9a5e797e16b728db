using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Reading;

/// <summary>
/// Every read of content items, for one unit of work (a request): it picks its database connection itself on first use
/// and gives it back when its scope ends, and every call of one reader sees the same published snapshot when an
/// in-memory index answers. Calls are made one at a time.
/// </summary>
public interface IContentReader
{
    /// <summary>One page of the query's versions, in its order.</summary>
    Task<IReadOnlyList<ContentItem>> ListAsync(ContentQuery query, CancellationToken cancellationToken);

    /// <summary>How many versions the query matches, without paging.</summary>
    Task<int> CountAsync(ContentQuery query, CancellationToken cancellationToken);

    /// <summary>The published version of an item, or null.</summary>
    Task<ContentItem?> FindPublishedAsync(string contentItemId, CancellationToken cancellationToken);

    /// <summary>The published versions of the items that have one (pickers, contained items), in no particular order.</summary>
    Task<IReadOnlyList<ContentItem>> LoadPublishedAsync(IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken);
}
