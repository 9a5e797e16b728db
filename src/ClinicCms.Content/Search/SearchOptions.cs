namespace ClinicCms.Content.Search;

/// <summary><c>ClinicCms:Search</c> settings.</summary>
public sealed class SearchOptions
{
    public const string Section = "ClinicCms:Search";

    /// <summary>
    /// Off: writes leave the search index alone and GraphQL search answers that search is off. The types written
    /// meanwhile are rebuilt at the next start with it on (or by <c>index rebuild</c>).
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// SQLite: how much memory the search index may take when held in memory to rank searches (every word's documents
    /// and frequencies); past it, or at 0, SQL ranks every search, scoring every match. Ignored on PostgreSQL.
    /// </summary>
    public int MemoryIndexMaxMegabytes { get; set; } = 64;
}
