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
    /// How long one search may run on PostgreSQL before the server stops it and the caller is told to use fewer or
    /// more specific words; 0 turns the bound off.
    /// </summary>
    public double TimeoutSeconds { get; set; } = 5;

    /// <summary>
    /// SQLite: how much memory the search index may take when held in memory to rank searches (every word's documents
    /// and bm25 factors); past it, or at 0, SQL ranks every search, scoring every match. Ignored on PostgreSQL.
    /// </summary>
    public int MemoryIndexMaxMegabytes { get; set; } = 64;
}
