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

    /// <summary>Reserved for localized content; readers refuse a query that sets it until then.</summary>
    public string? Culture { get; init; }
}
