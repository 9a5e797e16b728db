using System.Linq.Expressions;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Reading;

/// <summary>
/// Reads the versions a query selects: their root columns first, then the JSON column only of those whose parsed
/// parts are not in <see cref="PartsCache"/>, in one more query on the read's session.
/// </summary>
internal sealed class ContentItemLoader(ReadSession session, PartsCache cache)
{
    /// <summary>The root columns a read needs (all but the JSON column).</summary>
    public static readonly Expression<Func<ContentItemVersionRow, ContentItemVersionRow>> Head = r => new ContentItemVersionRow
    {
        Id = r.Id,
        ContentItemId = r.ContentItemId,
        ContentItemVersionId = r.ContentItemVersionId,
        ContentType = r.ContentType,
        DisplayText = r.DisplayText,
        Latest = r.Latest,
        Published = r.Published,
        CreatedUtc = r.CreatedUtc,
        ModifiedUtc = r.ModifiedUtc,
        PublishedUtc = r.PublishedUtc,
        Owner = r.Owner,
        Author = r.Author,
        ConcurrencyStamp = r.ConcurrencyStamp,
    };

    /// <summary>Items of the rows a query on the session's context selects.</summary>
    public async Task<List<ContentItem>> ReadAsync(IQueryable<ContentItemVersionRow> rows, CancellationToken cancellationToken) =>
        await ReadAsync(await rows.Select(Head).ToListAsync(cancellationToken), cancellationToken);

    /// <summary>Items of rows whose root columns are known (from SQL or the published index).</summary>
    public async Task<List<ContentItem>> ReadAsync(IReadOnlyList<ContentItemVersionRow> heads, CancellationToken cancellationToken)
    {
        var items = new List<ContentItem>(heads.Count);
        List<int>? missing = null;
        foreach (var head in heads)
        {
            if (cache.TryGet(head.Id, head.ConcurrencyStamp, out var parts))
            {
                items.Add(ContentItemMapper.ToItem(head, parts));
            }
            else
            {
                (missing ??= []).Add(items.Count);
                items.Add(null!);
            }
        }
        if (missing is not null)
        {
            await LoadPartsAsync(heads, items, missing, cancellationToken);
        }
        return items;
    }

    private async Task LoadPartsAsync(IReadOnlyList<ContentItemVersionRow> heads, List<ContentItem> items, List<int> missing, CancellationToken cancellationToken)
    {
        var ids = missing.Select(i => heads[i].Id).ToList();
        var db = await session.ContextAsync(cancellationToken);
        var stored = await db.ContentItems.AsNoTracking()
            .Where(r => ids.Contains(r.Id))
            .Select(r => new { r.Id, r.ConcurrencyStamp, r.Content })
            .ToDictionaryAsync(r => r.Id, cancellationToken);
        foreach (var index in missing)
        {
            var head = heads[index];
            // A row written between the two queries is read as it is now, and cached under the stamp it has now.
            if (stored.GetValueOrDefault(head.Id) is { } row)
            {
                items[index] = ContentItemMapper.ToItem(head, cache.Add(row.Id, row.ConcurrencyStamp, row.Content));
            }
        }
        items.RemoveAll(item => item is null); // deleted in between
    }
}
