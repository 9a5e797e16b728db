using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// What one GraphQL answer read, collected by its resolvers as they return items: the content types it listed,
/// counted or looked up, and the items it returned. Sent as the Cache-Tag header (type:Article,item:...), so a CDN
/// purge or a frontend's revalidateTag refreshes exactly the answers that showed a changed item. Resolvers of a
/// request run one at a time, so no locking.
/// </summary>
public sealed class ReadTags
{
    public const string Header = "Cache-Tag";

    /// <summary>Past this many items only the types are named: Cloudflare caps the header at 16 KB.</summary>
    public const int MaxItems = 500;

    private readonly SortedSet<string> _types = new(StringComparer.Ordinal);
    private readonly HashSet<string> _items = new(StringComparer.Ordinal);
    private readonly List<string> _itemOrder = [];

    public void Type(string contentType)
    {
        if (IsHeaderSafe(contentType))
        {
            _types.Add(contentType);
        }
    }

    public void Items(IEnumerable<ContentItem> items)
    {
        foreach (var item in items)
        {
            Item(item);
        }
    }

    public void Item(ContentItem item)
    {
        Type(item.ContentType);
        if (_itemOrder.Count <= MaxItems && IsHeaderSafe(item.ContentItemId) && _items.Add(item.ContentItemId))
        {
            _itemOrder.Add(item.ContentItemId);
        }
    }

    /// <summary>The header's value: the types, then the items in the order returned; null when nothing was read.</summary>
    public string? HeaderValue()
    {
        if (_types.Count == 0 && _itemOrder.Count == 0)
        {
            return null;
        }
        var tags = _types.Select(CacheTags.Type);
        if (_itemOrder.Count <= MaxItems)
        {
            tags = tags.Concat(_itemOrder.Select(CacheTags.Item));
        }
        return string.Join(',', tags);
    }

    // Ids and names come from recipes too: a tag with a comma, a space or a non-ASCII character would break the list.
    private static bool IsHeaderSafe(string value) =>
        value.Length is > 0 and <= 200 && value.All(c => c is > ' ' and < '\u007f' and not ',' and not '"');
}
