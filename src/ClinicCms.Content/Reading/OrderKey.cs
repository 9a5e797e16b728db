namespace ClinicCms.Content.Reading;

/// <summary>A sort key of a list: a column or field, and its direction.</summary>
public readonly record struct OrderKey(QueryTarget Target, bool Descending);
