using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>Keeps <see cref="ContentFieldIndexRecord"/> rows in step with a version's scalar fields.</summary>
public static class ContentFieldIndexer
{
    public static bool IsIndexed(string fieldKind) => fieldKind is FieldKinds.TextField or FieldKinds.NumericField or FieldKinds.BooleanField
        or FieldKinds.DateField or FieldKinds.DateTimeField or FieldKinds.TimeField;

    /// <summary>Sets the index rows of a row that is about to be inserted (EF fills DocumentId).</summary>
    public static void IndexNew(ContentItemRecord record, ContentItem item, ContentDefinitionRecord definitions) =>
        record.Fields = [.. Rows(item, definitions)];

    /// <summary>Replaces the index rows of a stored row whose content changed.</summary>
    public static async Task ReindexAsync(ClinicCmsDbContext db, ContentItemRecord record, ContentItem item, ContentDefinitionRecord definitions, CancellationToken cancellationToken = default)
    {
        await db.FieldIndex.Where(f => f.DocumentId == record.Id).ExecuteDeleteAsync(cancellationToken);
        foreach (var row in Rows(item, definitions))
        {
            row.DocumentId = record.Id;
            db.FieldIndex.Add(row);
        }
    }

    public static IEnumerable<ContentFieldIndexRecord> Rows(ContentItem item, ContentDefinitionRecord definitions)
    {
        if (definitions.FindType(item.ContentType) is not { } type)
        {
            yield break;
        }
        foreach (var (typePart, field) in definitions.FieldsOf(type))
        {
            if (!IsIndexed(field.FieldName) || item.Field(typePart.Name, field.Name) is not { } value)
            {
                continue;
            }
            var row = new ContentFieldIndexRecord { ContentType = item.ContentType, ContentPart = typePart.Name, ContentField = field.Name };
            if (Fill(row, field.FieldName, value))
            {
                yield return row;
            }
        }
    }

    private static bool Fill(ContentFieldIndexRecord row, string kind, JsonObject value)
    {
        switch (kind)
        {
            case FieldKinds.TextField:
                row.Text = value.GetString("Text");
                return row.Text is not null;
            case FieldKinds.NumericField:
                row.Numeric = value["Value"] is JsonValue n ? Number(n) : null;
                return row.Numeric is not null;
            case FieldKinds.BooleanField:
                row.Boolean = value["Value"] is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? b.GetValue<bool>() : null;
                return row.Boolean is not null;
            case FieldKinds.TimeField:
                row.Time = TimeSpan.TryParse(value.GetString("Value"), CultureInfo.InvariantCulture, out var time) ? time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : null;
                return row.Time is not null;
            default:
                row.Date = DateTime.TryParse(value.GetString("Value"), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                    ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : null;
                return row.Date is not null;
        }
    }

    private static double? Number(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.Number => (double)JsonNumbers.ToDecimal(value),
        JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
        _ => null,
    };
}
