using ClinicCms.Content.Changes;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// Reads and writes the site's JSON documents; every write bumps the document's version and, for the documents
/// caches watch (definitions, roles, settings, webhooks), is announced when its transaction commits.
/// </summary>
public sealed class SiteDocumentStore(Func<ClinicCmsDbContext> takeContext)
{
    private ClinicCmsDbContext? _db;

    // Taken from its pool on the first read or write, not when the store is made: most requests that need the store
    // (every permission check does) only meet the caches in front of it.
    private ClinicCmsDbContext Db => _db ??= takeContext();

    public Task<SiteDocument?> FindAsync(string name, CancellationToken cancellationToken = default) =>
        Db.SiteDocuments.AsNoTracking().FirstOrDefaultAsync(d => d.Name == name, cancellationToken);

    public Task<long?> VersionAsync(string name, CancellationToken cancellationToken = default) =>
        Db.SiteDocuments.Where(d => d.Name == name).Select(d => (long?)d.Version).FirstOrDefaultAsync(cancellationToken);

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
        await using var transaction = await OwnedTransaction.BeginAsync(Db, cancellationToken);
        var document = await Db.SiteDocuments.FirstOrDefaultAsync(d => d.Name == name, cancellationToken);
        if (document is null)
        {
            document = new SiteDocument { Name = name };
            Db.SiteDocuments.Add(document);
        }
        document.Content = content;
        document.Version++;
        await Db.SaveChangesAsync(cancellationToken);
        Db.Entry(document).State = EntityState.Detached;
        if (ChangeOf(name) is { } change && changes is { Count: > 0 })
        {
            if (Audit.AuditEvents.RowOf(change, null, null, auditDetail) is { } row)
            {
                Db.PendingChanges.AddAudit(row);
            }
            foreach (var each in changes)
            {
                Db.PendingChanges.Add(each);
            }
        }
        else if (ChangeOf(name) is { } documentChange)
        {
            Db.Announce(documentChange, auditDetail: auditDetail);
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
