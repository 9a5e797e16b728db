namespace ClinicCms.Content.Store;

/// <summary>
/// One scalar field value of one version (TextField, NumericField, BooleanField, DateField, DateTimeField,
/// TimeField), so that GraphQL filters and orders on fields in SQL, scoped to the right part and field. Two workflow
/// values are kept the same way (ReviewPart.State, MedicalReviewPart.NextReviewDueUtc) for the dashboard's lists.
/// </summary>
public sealed class ContentFieldIndexRow
{
    public long Id { get; set; }

    /// <summary>The version row (<see cref="ContentItemVersionRow.Id"/>) the value belongs to; its column keeps the name DocumentId.</summary>
    public long VersionRowId { get; set; }

    public string ContentType { get; set; } = "";

    /// <summary>The part instance name on the type (the item's JSON key).</summary>
    public string ContentPart { get; set; } = "";

    public string ContentField { get; set; } = "";

    public string? Text { get; set; }
    public double? Numeric { get; set; }
    public bool? Boolean { get; set; }
    public DateTime? Date { get; set; }

    /// <summary>TimeField values as "hh:mm:ss", which sorts as time does.</summary>
    public string? Time { get; set; }
}
