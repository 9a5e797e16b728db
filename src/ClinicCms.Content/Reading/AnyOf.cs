namespace ClinicCms.Content.Reading;

/// <summary>Any filter holds; an empty list matches everything too (as an empty OR does in Orchard).</summary>
public sealed record AnyOf(IReadOnlyList<ContentFilter> Filters) : ContentFilter;
