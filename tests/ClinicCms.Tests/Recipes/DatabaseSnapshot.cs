using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Recipes;

/// <summary>Every row of the content and document tables as text, to prove that a failed run changed nothing.</summary>
public static class DatabaseSnapshot
{
    public static async Task<List<string>> TakeAsync(IServiceProvider services)
    {
        var db = services.GetRequiredService<ClinicCmsDbContext>();
        var items = await db.ContentItems.AsNoTracking().OrderBy(r => r.Id).ToListAsync();
        var documents = await db.SiteDocuments.AsNoTracking().OrderBy(d => d.Name).ToListAsync();
        return
        [
            .. items.Select(r => string.Join('|', r.Id, r.ContentItemId, r.ContentItemVersionId, r.ContentType, r.DisplayText,
                r.Latest, r.Published, r.CreatedUtc, r.ModifiedUtc, r.PublishedUtc, r.Owner, r.Author, r.Path, r.ConcurrencyStamp, r.Content)),
            .. documents.Select(d => $"{d.Name}|{d.Version}|{d.Content}"),
        ];
    }
}
