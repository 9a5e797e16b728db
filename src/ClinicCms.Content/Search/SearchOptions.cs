namespace ClinicCms.Content.Search;

/// <summary><c>ClinicCms:Search</c> settings.</summary>
public sealed class SearchOptions
{
    public const string Section = "ClinicCms:Search";

    /// <summary>
    /// Off: writes leave the search index alone and GraphQL search answers that search is off. Turning it back on needs
    /// an <c>index rebuild</c>, as the index missed every write in between.
    /// </summary>
    public bool Enabled { get; set; } = true;
}
