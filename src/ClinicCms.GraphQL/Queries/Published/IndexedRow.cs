using ClinicCms.Content.Store;

namespace ClinicCms.GraphQL.Queries.Published;

/// <summary>A published version as the index keeps it: its root columns, and the values its field index rows hold.</summary>
public sealed class IndexedRow(ContentItemRecord head, int ordinal, IndexedField[] fields)
{
    public ContentItemRecord Head { get; } = head;

    /// <summary>Its position among the rows of its type, which per-key columns and orders are indexed by.</summary>
    public int Ordinal { get; } = ordinal;

    /// <summary>
    /// What SQL would compare for the target: a root column, or the field index value of the part and field, null
    /// when the version has none (as the SQL subquery finds no row). Columns the index does not know are refused
    /// when a query is planned (<see cref="SnapshotQuery.IsKnown"/>).
    /// </summary>
    public object? Value(QueryTarget target) => target switch
    {
        FieldTarget field => FieldValue(field),
        ColumnTarget { Column: nameof(ContentItemRecord.ContentItemId) } => Head.ContentItemId,
        ColumnTarget { Column: nameof(ContentItemRecord.ContentItemVersionId) } => Head.ContentItemVersionId,
        ColumnTarget { Column: nameof(ContentItemRecord.ContentType) } => Head.ContentType,
        ColumnTarget { Column: nameof(ContentItemRecord.DisplayText) } => Head.DisplayText,
        ColumnTarget { Column: nameof(ContentItemRecord.Owner) } => Head.Owner,
        ColumnTarget { Column: nameof(ContentItemRecord.Author) } => Head.Author,
        ColumnTarget { Column: nameof(ContentItemRecord.Path) } => Head.Path,
        ColumnTarget { Column: nameof(ContentItemRecord.Published) } => Head.Published,
        ColumnTarget { Column: nameof(ContentItemRecord.Latest) } => Head.Latest,
        ColumnTarget { Column: nameof(ContentItemRecord.CreatedUtc) } => Head.CreatedUtc,
        ColumnTarget { Column: nameof(ContentItemRecord.ModifiedUtc) } => Head.ModifiedUtc,
        ColumnTarget { Column: nameof(ContentItemRecord.PublishedUtc) } => Head.PublishedUtc,
        _ => throw new InvalidOperationException($"The published index has no value for {target}."),
    };

    private object? FieldValue(FieldTarget target)
    {
        foreach (var field in fields)
        {
            if (field.Part == target.Part && field.Field == target.Field)
            {
                // The column SQL reads for the target's kind; a value stored in another column is NULL there.
                return field.Value.GetType() == ValueComparison.FieldClrType(target.Kind) ? field.Value : null;
            }
        }
        return null;
    }
}
