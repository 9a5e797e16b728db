namespace ClinicCms.Content.Fields;

/// <summary>The kind of one scalar value a field holds: how it is indexed, filtered, sorted and shown in GraphQL.</summary>
public enum FieldValueKind
{
    Text,
    Number,
    Boolean,
    Date,
    DateTime,
    Time,
}
