namespace ClinicCms.Content.Reading;

/// <summary>The kinds of value a filter or order compares: each maps to one column of a version row or of the field index.</summary>
public enum ScalarKind
{
    Id,
    Text,
    Number,
    Boolean,
    Date,
    DateTime,
    Time,
}
