using ClinicCms.Content.Changes;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// Reads and writes the site's JSON documents; every write bumps the document's version and, for the documents
/// caches watch (definitions, roles, settings, webhooks), is announced when its transaction commits.
/// </summary>
public sealed class SiteDocumentStore(ClinicCmsDbContext db)
{
    public Task<SiteDocument?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        db.SiteDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name, cancellationToken);

    public Task<long?> VersionAsync(string name, CancellationToken cancellationToken = default) =>
        db.SiteDocuments.Where(d => d.Name == name).Select(d => (long?)d.Version).FirstOrDefaultAsync(cancellationToken);

    public Task<long> SaveAsync(string name, string content, CancellationToken cancellationToken = default) => SaveAsync(name, content, null, cancellationToken);

    /// <param name="auditDetail">What changed, for the audit row of a watched document (which type, which role).</param>
    public Task<long> SaveAsync(string name, string content, string? auditDetail, CancellationToken cancellationToken = default) =>
        SaveAsync(name, content, auditDetail, null, cancellationToken);

    /// <param name="changes">
    /// What to announce instead of the document's one change (the definitions name each type they touched); one audit
    /// row records the save either way. Null or empty: the document's change.
    /// </param>
    public async Task<long> SaveAsync(string name, string content, string? auditDetail, IReadOnlyList<ContentChange>? changes, CancellationToken cancellationToken = default)
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
        if (ChangeOf(name) is { } change && changes is { Count: > 0 })
        {
            if (Audit.AuditEvents.RowOf(change, null, null, auditDetail) is { } row)
            {
                db.PendingChanges.AddAudit(row);
            }
            foreach (var each in changes)
            {
                db.PendingChanges.Add(each);
            }
        }
        else if (ChangeOf(name) is { } documentChange)
        {
            db.Announce(documentChange, auditDetail: auditDetail);
        }
        await transaction.CommitAsync(cancellationToken);
        return document.Version;
    }

    private static ContentChange? ChangeOf(string name) => name switch
    {
        SiteDocumentNames.ContentDefinitions => ContentChange.Definitions,
        SiteDocumentNames.Roles => ContentChange.Roles,
        SiteDocumentNames.Settings => ContentChange.Settings,
        SiteDocumentNames.Webhooks => ContentChange.Webhooks,
        _ => null,
    };
}
