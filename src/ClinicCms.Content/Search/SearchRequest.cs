using ClinicCms.Content.Reading;

namespace ClinicCms.Content.Search;

/// <summary>A type the caller may search, and the owner they are limited to (null: every item of the type).</summary>
public sealed record SearchScope(string ContentType, string? Owner = null);

/// <summary>
/// What to search for and where: the types the caller may read (with their owner limits), a culture, which versions
/// (published, the latest, or drafts only), and the page.
/// </summary>
public sealed record SearchRequest(SearchExpression Expression, IReadOnlyList<SearchScope> Scopes)
{
    public string? Culture { get; init; }

    /// <summary>Published, Latest or Draft; ALL (every old version) is not indexed.</summary>
    public PublicationStatus Status { get; init; } = PublicationStatus.Published;

    /// <summary>When set, only this item (a preview token reads the drafts of its own item only).</summary>
    public string? OnlyItem { get; init; }

    public int Skip { get; init; }

    public int First { get; init; } = 20;

    /// <summary>The languages to search in: the culture's, or all when no culture is given.</summary>
    public IReadOnlyList<SearchLanguage> Languages => Culture is null ? SearchLanguage.All : [SearchLanguage.For(Culture)];
}

/// <summary>One match: the version, its score (higher is better; comparable within one answer only) and its snippet.</summary>
public sealed record SearchHit(string ContentItemId, string ContentItemVersionId, double Score, string Snippet);

public sealed record SearchPage(int Total, IReadOnlyList<SearchHit> Hits);
