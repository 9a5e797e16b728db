using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Queries;

/// <summary>
/// Reads every published and latest version for export, a page at a time. An item's published version comes
/// before its draft, so that importing the export in order (Orchard's rules) restores both.
/// </summary>
public sealed class ContentExportReader(ClinicCmsDbContext db)
{
    private const int PageSize = 1000;

    public async IAsyncEnumerable<ContentItem> ActiveVersionsAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var skip = 0; ; skip += PageSize)
        {
            var page = await db.ContentItems.AsNoTracking()
                .Where(r => r.Published || r.Latest)
                .OrderBy(r => r.ContentItemId).ThenByDescending(r => r.Published).ThenBy(r => r.Id)
                .Skip(skip).Take(PageSize)
                .ToListAsync(cancellationToken);
            foreach (var record in page)
            {
                yield return ContentItemMapper.ToItem(record);
            }
            if (page.Count < PageSize)
            {
                yield break;
            }
        }
    }
}
