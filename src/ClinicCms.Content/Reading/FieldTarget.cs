namespace ClinicCms.Content.Reading;

/// <summary>A scalar field, through the field index: scoped to its part (the part's name on the type) and field.</summary>
public sealed record FieldTarget(string Part, string Field, ScalarKind Kind) : QueryTarget;
