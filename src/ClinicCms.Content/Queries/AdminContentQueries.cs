using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Queries;

/// <summary>
/// The editors' views of the store: the content list, counts per type, the latest edits, the picker's search. Each
/// takes the caller's <see cref="ContentVisibility"/> and filters in SQL, so nothing the caller may not see is listed.
/// </summary>
public sealed class AdminContentQueries(ClinicCmsDbContext db)
{
    public async Task<AdminListPage> ListAsync(AdminListQuery query, CancellationToken cancellationToken = default)
    {
        var latest = (query.Visibility ?? ContentVisibility.Everything).Apply(db.ContentItems.AsNoTracking().Where(r => r.Latest));
        var published = db.ContentItems.AsNoTracking().Where(r => r.Published);
        if (!string.IsNullOrEmpty(query.ContentType))
        {
            latest = latest.Where(r => r.ContentType == query.ContentType);
        }
        if (!string.IsNullOrEmpty(query.Culture))
        {
            latest = latest.Where(r => r.Culture == query.Culture);
        }
        if (!string.IsNullOrWhiteSpace(query.Search))
        {
            var pattern = "%" + query.Search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            latest = db.Database.IsNpgsql()
                ? latest.Where(r => EF.Functions.ILike(r.DisplayText!, pattern, "\\"))
                : latest.Where(r => EF.Functions.Like(r.DisplayText, pattern, "\\"));
        }
        latest = query.Status switch
        {
            AdminStatusFilter.Published => latest.Where(r => r.Published),
            AdminStatusFilter.Draft => latest.Where(r => !r.Published && !published.Any(p => p.ContentItemId == r.ContentItemId)),
            AdminStatusFilter.PublishedWithDraft => latest.Where(r => !r.Published && published.Any(p => p.ContentItemId == r.ContentItemId)),
            _ => latest,
        };
        var total = await latest.CountAsync(cancellationToken);
        var ordered = query.Sort switch
        {
            AdminSort.Created => latest.OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id),
            AdminSort.Title => latest.OrderBy(r => r.DisplayText).ThenBy(r => r.Id),
            _ => latest.OrderByDescending(r => r.ModifiedUtc).ThenByDescending(r => r.Id),
        };
        var page = Math.Max(1, query.Page);
        var rows = await ordered.Skip((page - 1) * query.PageSize).Take(query.PageSize)
            .Select(r => new { Record = r, HasPublished = r.Published || published.Any(p => p.ContentItemId == r.ContentItemId) })
            .ToListAsync(cancellationToken);
        return new AdminListPage(rows.ConvertAll(r => new AdminListRow(ContentItemMapper.ToItem(r.Record), r.HasPublished)), total, page, query.PageSize);
    }

    /// <summary>Items per type: how many have a latest version, and how many are published (of those the caller may see).</summary>
    public async Task<Dictionary<string, (int Items, int Published)>> CountsAsync(ContentVisibility visibility, CancellationToken cancellationToken = default)
    {
        var rows = await visibility.Apply(db.ContentItems.AsNoTracking().Where(r => r.Latest || r.Published))
            .GroupBy(r => r.ContentType)
            .Select(g => new { Type = g.Key, Items = g.Count(r => r.Latest), Published = g.Count(r => r.Published) })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.Type, r => (r.Items, r.Published));
    }

    public async Task<List<ContentItem>> LatestEditsAsync(ContentVisibility visibility, int count, CancellationToken cancellationToken = default)
    {
        var records = await visibility.Apply(db.ContentItems.AsNoTracking().Where(r => r.Latest)).OrderByDescending(r => r.ModifiedUtc).Take(count).ToListAsync(cancellationToken);
        return records.ConvertAll(ContentItemMapper.ToItem);
    }

    /// <summary>Items to pick in a content picker: latest versions of the given types whose display text matches.</summary>
    public async Task<List<ContentItem>> SearchAsync(ContentVisibility visibility, IReadOnlyCollection<string> types, string? text, int take,
        CancellationToken cancellationToken = default)
    {
        var query = visibility.Apply(db.ContentItems.AsNoTracking().Where(r => r.Latest));
        if (types.Count > 0)
        {
            query = query.Where(r => types.Contains(r.ContentType));
        }
        if (!string.IsNullOrWhiteSpace(text))
        {
            var pattern = "%" + text.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
            query = db.Database.IsNpgsql() ? query.Where(r => EF.Functions.ILike(r.DisplayText!, pattern, "\\")) : query.Where(r => EF.Functions.Like(r.DisplayText, pattern, "\\"));
        }
        var records = await query.OrderBy(r => r.DisplayText).Take(take).ToListAsync(cancellationToken);
        return records.ConvertAll(ContentItemMapper.ToItem);
    }
}
