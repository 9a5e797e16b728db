using ClinicCms.Content.Changes;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// Reads and writes the site's JSON documents; every write bumps the document's version and, for the documents
/// caches watch (definitions, roles, settings), is announced when its transaction commits.
/// </summary>
public sealed class SiteDocumentStore(ClinicCmsDbContext db)
{
    public Task<SiteDocument?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        db.SiteDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name, cancellationToken);

    public Task<long?> VersionAsync(string name, CancellationToken cancellationToken = default) =>
        db.SiteDocuments.Where(d => d.Name == name).Select(d => (long?)d.Version).FirstOrDefaultAsync(cancellationToken);

    public Task<long> SaveAsync(string name, string content, CancellationToken cancellationToken = default) => SaveAsync(name, content, null, cancellationToken);

    /// <param name="auditDetail">What changed, for the audit row of a watched document (which type, which role).</param>
    public async Task<long> SaveAsync(string name, string content, string? auditDetail, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
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
        if (ChangeOf(name) is { } change)
        {
            db.Announce(change, auditDetail: auditDetail);
        }
        await transaction.CommitAsync(cancellationToken);
        return document.Version;
    }

    private static ContentChange? ChangeOf(string name) => name switch
    {
        SiteDocumentNames.ContentDefinitions => ContentChange.Definitions,
        SiteDocumentNames.Roles => ContentChange.Roles,
        SiteDocumentNames.Settings => ContentChange.Settings,
        _ => null,
    };
}
