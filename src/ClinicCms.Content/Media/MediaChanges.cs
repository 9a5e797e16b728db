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
    public async Task AnnounceAsync(IEnumerable<string> paths, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        foreach (var path in paths.Where(p => p.Length > 0).Distinct(StringComparer.Ordinal))
        {
            db.Announce(ContentChange.Media(path));
        }
        await transaction.CommitAsync(cancellationToken);
    }
}
