namespace ClinicCms.Content.Search;

/// <summary>
/// How much a match in a text counts. PostgreSQL ranks with four weight classes: High is class A, Normal B, Low C;
/// SQLite ranks its three columns in the same proportion (1, 0.4, 0.2, ts_rank's defaults).
/// </summary>
public enum SearchWeight
{
    Normal,
    High,
    Low,

    /// <summary>Not searched.</summary>
    Off,
}
