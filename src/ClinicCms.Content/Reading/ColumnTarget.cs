namespace ClinicCms.Content.Reading;

/// <summary>A root column of the version row (DisplayText, CreatedUtc, Path, ...), named as <c>ContentItemVersionRow</c> names it.</summary>
public sealed record ColumnTarget(string Column, ScalarKind Kind) : QueryTarget;
