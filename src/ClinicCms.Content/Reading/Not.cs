namespace ClinicCms.Content.Reading;

/// <summary>The filter does not hold.</summary>
public sealed record Not(ContentFilter Filter) : ContentFilter;
