using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>Reads and writes the site's JSON documents; every write bumps the document's version.</summary>
public sealed class SiteDocumentStore(ClinicCmsDbContext db)
{
    public Task<SiteDocument?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        db.SiteDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name, cancellationToken);

    public Task<long?> VersionAsync(string name, CancellationToken cancellationToken = default) =>
        db.SiteDocuments.Where(d => d.Name == name).Select(d => (long?)d.Version).FirstOrDefaultAsync(cancellationToken);

    public async Task<long> SaveAsync(string name, string content, CancellationToken cancellationToken = default)
    {
        var document = await db.SiteDocuments.FirstOrDefaultAsync(d => d.Name == name, cancellationToken);
        if (document is null)
        {
            document = new SiteDocument { Name = name };
            db.SiteDocuments.Add(document);
        }
        document.Content = content;
        document.Version++;
        await db.SaveChangesAsync(cancellationToken);
        db.Entry(document).State = EntityState.Detached;
        return document.Version;
    }
}
