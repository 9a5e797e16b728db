using ClinicCms.Content.Audit;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Media;

/// <summary>
/// Announces that media files changed, once the file operation succeeded: in the caller's transaction when one is open
/// (a recipe's, so a failed recipe announces nothing and a committed one announces after its commit), else in one of
/// its own. The announcement reaches every listener, and the webhook outbox writes its <c>media.changed</c> rows in
/// that transaction.
/// </summary>
public sealed class MediaChanges(ClinicCmsDbContext db)
{
    /// <param name="auditEvent">
    /// One of the <c>media-</c> <see cref="AuditEvents"/>: one audit row names the paths, by the request's user. Null
    /// for a recipe's files, which its run's row counts.
    /// </param>
    public async Task AnnounceAsync(IEnumerable<string> paths, string? auditEvent, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var changed = paths.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal).ToList();
        foreach (var path in changed)
        {
            db.Announce(ContentChange.Media(path));
        }
        if (auditEvent is not null && changed.Count > 0)
        {
            db.PendingChanges.AddAudit(AuditRow.Of(AuditCategories.Media, auditEvent, detail: string.Join(" -> ", changed)));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
