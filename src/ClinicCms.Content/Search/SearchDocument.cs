namespace ClinicCms.Content.Search;

/// <summary>
/// What the index holds for one version: the item, which of its versions this is (published, latest or both), its
/// culture and language, and its searchable text grouped by weight. <see cref="Body"/> is the text snippets come from.
/// </summary>
public sealed record SearchDocument(
    string ContentItemId,
    string ContentItemVersionId,
    string ContentType,
    string? Culture,
    SearchLanguage Language,
    bool Published,
    bool Latest,
    string? Owner,
    string High,
    string Normal,
    string Low)
{
    /// <summary>The stemmed terms of the three texts, when an index worked them out ahead (<see cref="ISearchIndex.Prepare"/>).</summary>
    internal SearchTerms? Terms { get; init; }

    /// <summary>
    /// The weighted tsvector in PostgreSQL's binary form, when the server worked it out ahead (<see cref="ISearchIndex.WorkOutAheadAsync"/>).
    /// </summary>
    internal byte[]? Vector { get; init; }

    /// <summary>The text a snippet is cut from: the normal then the low weighted text, or the title when they are empty.</summary>
    public string Body => Normal.Length == 0 && Low.Length == 0 ? High : Low.Length == 0 ? Normal : Normal.Length == 0 ? Low : $"{Normal}\n{Low}";
}

/// <summary>A document's terms by weight, each text's terms in order and separated by spaces (SQLite's FTS table stores them so).</summary>
internal sealed record SearchTerms(string High, string Normal, string Low);
