namespace ClinicCms.Content.Reading.Published;

/// <summary>One field index row of a version: the part and field, and the one value column it fills.</summary>
public readonly record struct IndexedField(string Part, string Field, object Value);
