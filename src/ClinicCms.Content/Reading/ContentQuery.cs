namespace ClinicCms.Content.Reading;

/// <summary>A page of one content type's versions: which versions, whose, which match, in what order.</summary>
public sealed record ContentQuery(string ContentType)
{
    public PublicationStatus Status { get; init; } = PublicationStatus.Published;

    /// <summary>When set, only versions this user owns (a caller who may only see their own items).</summary>
    public string? Owner { get; init; }

    /// <summary>The where tree; null matches everything.</summary>
    public ContentFilter? Where { get; init; }

    /// <summary>Keys applied in turn, then the row id descending (so pages never overlap); none means CreatedUtc descending, Orchard's default.</summary>
    public IReadOnlyList<OrderKey> OrderBy { get; init; } = [];

    public int Skip { get; init; }

    public int First { get; init; } = 100;

    /// <summary>When set, only versions in this culture (LocalizationPart.Culture); null means every culture, as in Orchard.</summary>
    public string? Culture { get; init; }

    /// <summary>
    /// With <see cref="Culture"/>: per localization set, the version in <see cref="Culture"/> when the set has one
    /// (among the versions of this status and owner), else the one in the site's default culture, which the reader reads
    /// from the site's LocalizationSettings (no fallback for a site without them). A version without a set stands for a
    /// set of its own. The where filter applies to the versions so chosen.
    /// </summary>
    public bool Fallback { get; init; }
}
