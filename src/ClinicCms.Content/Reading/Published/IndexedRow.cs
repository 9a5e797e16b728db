using ClinicCms.Content.Reading.Sql;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Reading.Published;

/// <summary>A published version as the index keeps it: its root columns, and the values its field index rows hold.</summary>
public sealed class IndexedRow(ContentItemVersionRow head, int ordinal, IndexedField[] fields)
{
    public ContentItemVersionRow Head { get; } = head;

    /// <summary>Its position among the rows of its type, which per-key columns and orders are indexed by.</summary>
    public int Ordinal { get; } = ordinal;

    /// <summary>The root columns the index keeps, each read off the row as SQL would compare it.</summary>
    private static readonly Dictionary<string, Func<ContentItemVersionRow, object?>> Columns = new(StringComparer.Ordinal)
    {
        [nameof(ContentItemVersionRow.ContentItemId)] = r => r.ContentItemId,
        [nameof(ContentItemVersionRow.ContentItemVersionId)] = r => r.ContentItemVersionId,
        [nameof(ContentItemVersionRow.ContentType)] = r => r.ContentType,
        [nameof(ContentItemVersionRow.DisplayText)] = r => r.DisplayText,
        [nameof(ContentItemVersionRow.Owner)] = r => r.Owner,
        [nameof(ContentItemVersionRow.Author)] = r => r.Author,
        [nameof(ContentItemVersionRow.Path)] = r => r.Path,
        [nameof(ContentItemVersionRow.Culture)] = r => r.Culture,
        [nameof(ContentItemVersionRow.LocalizationSet)] = r => r.LocalizationSet,
        [nameof(ContentItemVersionRow.Published)] = r => r.Published,
        [nameof(ContentItemVersionRow.Latest)] = r => r.Latest,
        [nameof(ContentItemVersionRow.CreatedUtc)] = r => r.CreatedUtc,
        [nameof(ContentItemVersionRow.ModifiedUtc)] = r => r.ModifiedUtc,
        [nameof(ContentItemVersionRow.PublishedUtc)] = r => r.PublishedUtc,
    };

    /// <summary>Whether the index holds values for the target: any field, and the root columns above.</summary>
    public static bool Knows(QueryTarget target) => target is FieldTarget || target is ColumnTarget column && Columns.ContainsKey(column.Column);

    /// <summary>
    /// What SQL would compare for the target: a root column, or the field index value of the part and field, null
    /// when the version has none (as the SQL subquery finds no row). Targets the index does not know
    /// (<see cref="Knows"/>) are refused when a query is planned.
    /// </summary>
    public object? Value(QueryTarget target) => target switch
    {
        FieldTarget field => FieldValue(field),
        ColumnTarget column => Columns[column.Column](Head),
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
