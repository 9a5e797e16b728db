using ClinicCms.Content.Store;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// Where the <see cref="PublishedIndex"/> reads from, one per provider: the database's published revision, a counter
/// that every committed write of a published version row moves on, and snapshots of the published rows.
/// </summary>
public interface IPublishedSource
{
    /// <summary>
    /// The revision as of now for the reads of one scope (on the scope's session), or null when the index must not
    /// answer them (the reader it decorates does).
    /// </summary>
    ValueTask<long?> RevisionAsync(ReadSession session, CancellationToken cancellationToken);

    /// <summary>
    /// Reads, in one consistent view, the revision and every published version with the values of <paramref name="fields"/>;
    /// the snapshot is null when more than <paramref name="maxItems"/> versions are published.
    /// </summary>
    Task<(long Revision, PublishedSnapshot? Snapshot)> ReadAsync(int maxItems, HashSet<(string Part, string Field)> fields, CancellationToken cancellationToken);
}
