namespace ClinicCms.Content.Reading;

/// <summary>Every filter holds; an empty list matches everything.</summary>
public sealed record AllOf(IReadOnlyList<ContentFilter> Filters) : ContentFilter;
