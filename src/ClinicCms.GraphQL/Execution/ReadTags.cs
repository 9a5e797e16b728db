using System.Buffers;
using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// What one GraphQL answer read, collected by its resolvers as they return items: the content types it listed,
/// counted or looked up, the items it returned, and the picked items it could not show (publishing one changes it).
/// Sent as the Cache-Tag header (type:Article,item:...), so a CDN purge or a frontend's revalidateTag refreshes
/// exactly the answers that showed a changed item. Resolvers of a request run one at a time, so no locking.
/// </summary>
public sealed class ReadTags
{
    public const string Header = "Cache-Tag";

    /// <summary>Past this many items only the types are named: Cloudflare caps the header at 16 KB.</summary>
    public const int MaxItems = 500;

    // Printable ASCII but the list's separators: a tag with a comma, a space or a non-ASCII character would break it.
    private static readonly SearchValues<char> HeaderSafe = SearchValues.Create(
        string.Concat(Enumerable.Range('!', '~' - '!' + 1).Select(c => (char)c).Where(c => c is not ',' and not '"')));

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
        if (items.TryGetNonEnumeratedCount(out var count) && _itemOrder.Count + count <= MaxItems)
        {
            // Sized once for a page of items rather than grown as it is read.
            _items.EnsureCapacity(_items.Count + count);
            _itemOrder.EnsureCapacity(_itemOrder.Count + count);
        }
        foreach (var item in items)
        {
            Item(item);
        }
    }

    public void Item(ContentItem item)
    {
        Type(item.ContentType);
        ItemId(item.ContentItemId);
    }

    /// <summary>An item the answer depends on without showing it (a picked item the caller may not see yet).</summary>
    public void ItemId(string contentItemId)
    {
        if (_itemOrder.Count <= MaxItems && IsHeaderSafe(contentItemId) && _items.Add(contentItemId))
        {
            _itemOrder.Add(contentItemId);
        }
    }

    /// <summary>The header's value: the types, then the items in the order returned; null when nothing was read.</summary>
    public string? HeaderValue()
    {
        var items = _itemOrder.Count <= MaxItems ? _itemOrder : [];
        if (_types.Count == 0 && items.Count == 0)
        {
            return null;
        }
        // Written as one string, with no string per tag: this runs for every answer.
        var length = _types.Count + items.Count - 1;
        foreach (var type in _types)
        {
            length += CacheTags.TypePrefix.Length + type.Length;
        }
        foreach (var id in items)
        {
            length += CacheTags.ItemPrefix.Length + id.Length;
        }
        return string.Create(length, (_types, items), static (span, tags) =>
        {
            var at = 0;
            foreach (var type in tags._types)
            {
                Append(span, ref at, CacheTags.TypePrefix, type);
            }
            foreach (var id in tags.items)
            {
                Append(span, ref at, CacheTags.ItemPrefix, id);
            }
        });
    }

    private static void Append(Span<char> span, ref int at, string prefix, string value)
    {
        if (at > 0)
        {
            span[at++] = ',';
        }
        prefix.CopyTo(span[at..]);
        at += prefix.Length;
        value.CopyTo(span[at..]);
        at += value.Length;
    }

    private static bool IsHeaderSafe(string value) => value.Length is > 0 and <= 200 && !value.AsSpan().ContainsAnyExcept(HeaderSafe);
}
