namespace ClinicCms.Content.Reading;

/// <summary>Memory the readers may keep between reads. The host binds it from the ClinicCms:GraphQL section, where these settings began.</summary>
public sealed class ContentReadOptions
{
    /// <summary>
    /// Most bytes of parsed content (estimated) kept between reads, so that a read of a hot item skips its JSON column.
    /// Entries are keyed by each row's concurrency stamp and never stale. 0 turns it off.
    /// </summary>
    public long PartsCacheSizeBytes { get; set; } = 32 * 1024 * 1024;

    /// <summary>
    /// Most published items the published index keeps in memory on SQLite (roughly 1 KB each), so that reads skip SQL;
    /// a site with more reads through SQL. 0 turns it off.
    /// </summary>
    public int PublishedIndexMaxItems { get; set; } = 250_000;
}
