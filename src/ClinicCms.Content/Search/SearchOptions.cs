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
}
