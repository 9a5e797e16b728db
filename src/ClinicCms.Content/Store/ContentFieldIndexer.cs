using ClinicCms.Content.Reading;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Versions;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// Keeps <see cref="ContentFieldIndexRow"/> rows in step with a version's scalar fields, and with the workflow values the
/// dashboard lists by (review state, medical review due), so those lists use the index too.
/// </summary>
public static class ContentFieldIndexer
{
    /// <summary>Sets the index rows of a row that is about to be inserted (EF fills VersionRowId).</summary>
    public static void IndexNew(ContentItemVersionRow record, ContentItem item, ContentDefinitionSet definitions, ContentFieldKinds kinds) =>
        record.Fields = [.. Rows(item, definitions, kinds)];

    /// <summary>Replaces the index rows of a stored row whose content changed.</summary>
    public static async Task ReindexAsync(ClinicCmsDbContext db, ContentItemVersionRow record, ContentItem item, ContentDefinitionSet definitions, ContentFieldKinds kinds, CancellationToken cancellationToken = default)
    {
        await db.FieldIndex.Where(f => f.VersionRowId == record.Id).ExecuteDeleteAsync(cancellationToken);
        foreach (var row in Rows(item, definitions, kinds))
        {
            row.VersionRowId = record.Id;
            db.FieldIndex.Add(row);
        }
    }

    /// <summary>
    /// Replaces only the workflow rows of a stored row whose review changed and whose fields did not (a review step, an
    /// approval by publishing or scheduling); nothing is written when they stay the same.
    /// </summary>
    public static async Task ReindexWorkflowAsync(ClinicCmsDbContext db, ContentItemVersionRow record, ContentItem before, ContentItem after, CancellationToken cancellationToken = default)
    {
        var rows = WorkflowRows(after).ToList();
        if (rows.Select(Key).SequenceEqual(WorkflowRows(before).Select(Key)))
        {
            return;
        }
        await db.FieldIndex.Where(f => f.VersionRowId == record.Id && (f.ContentPart == ReviewRecord.PartName || f.ContentPart == PartNames.MedicalReviewPart))
            .ExecuteDeleteAsync(cancellationToken);
        foreach (var row in rows)
        {
            row.VersionRowId = record.Id;
            db.FieldIndex.Add(row);
        }

        static (string, string, string?, DateTime?) Key(ContentFieldIndexRow r) => (r.ContentPart, r.ContentField, r.Text, r.Date);
    }

    /// <summary>One row per field whose kind is indexed and that holds a value.</summary>
    public static IEnumerable<ContentFieldIndexRow> Rows(ContentItem item, ContentDefinitionSet definitions, ContentFieldKinds kinds)
    {
        if (definitions.FindType(item.ContentType) is not { } type)
        {
            yield break;
        }
        foreach (var (typePart, field) in definitions.FieldsOf(type))
        {
            if (kinds.Find(field.FieldName) is not { IndexKind: { } column } kind || item.Field(typePart.Name, field.Name) is not { } value)
            {
                continue;
            }
            var row = new ContentFieldIndexRow { ContentType = item.ContentType, ContentPart = typePart.Name, ContentField = field.Name };
            if (Fill(row, column, kind.IndexValue(value)))
            {
                yield return row;
            }
        }
        foreach (var row in WorkflowRows(item))
        {
            yield return row;
        }
    }

    /// <summary>The review lists' values: a draft waiting on someone (in review, changes requested) and when a medical review is due.</summary>
    private static IEnumerable<ContentFieldIndexRow> WorkflowRows(ContentItem item)
    {
        var state = ReviewRecord.Of(item).State;
        if (state is ReviewState.InReview or ReviewState.ChangesRequested)
        {
            yield return new ContentFieldIndexRow { ContentType = item.ContentType, ContentPart = ReviewRecord.PartName, ContentField = ReviewRecord.StateField, Text = state.ToString() };
        }
        if (item.Part(PartNames.MedicalReviewPart) is { } part && PartExtensions.Read<MedicalReviewPart>(part).NextReviewDueUtc is { } due)
        {
            yield return new ContentFieldIndexRow { ContentType = item.ContentType, ContentPart = PartNames.MedicalReviewPart, ContentField = nameof(MedicalReviewPart.NextReviewDueUtc), Date = due };
        }
    }

    // A value of another type than the column's is not indexed, as a field holding no value is not.
    private static bool Fill(ContentFieldIndexRow row, ScalarKind column, object? value)
    {
        switch (column, value)
        {
            case (ScalarKind.Text, string text):
                row.Text = text;
                return true;
            case (ScalarKind.Time, string time):
                row.Time = time;
                return true;
            case (ScalarKind.Number, double number):
                row.Numeric = number;
                return true;
            case (ScalarKind.Boolean, bool boolean):
                row.Boolean = boolean;
                return true;
            case (ScalarKind.Date or ScalarKind.DateTime, DateTime date):
                row.Date = date;
                return true;
            default:
                return false;
        }
    }
}
