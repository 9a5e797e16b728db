namespace ClinicCms.Content.Definitions;

public sealed class ContentTypeSettings
{
    public bool Creatable { get; set; }
    public bool Listable { get; set; }
    public bool Draftable { get; set; }
    public bool Versionable { get; set; }
    public bool Securable { get; set; }
    public string? Stereotype { get; set; }
    public string? Description { get; set; }

    /// <summary>Publishing needs a draft a reviewer approved (or a publisher who may review). Not an Orchard setting; Orchard keeps it verbatim.</summary>
    public bool RequiresReview { get; set; }

    /// <summary>Days after an approval when the content is due for review again (MedicalReviewPart.NextReviewDueUtc); none when null. ClinicCms's own.</summary>
    public int? ReviewIntervalDays { get; set; }

    /// <summary>
    /// Where the editor's Preview button opens a draft on the real site, with {token}, {path}, {contentItemId} and
    /// {contentType} filled in (see <see cref="PreviewUrlTemplate"/>); the admin's own preview when null. ClinicCms's own.
    /// </summary>
    public string? PreviewUrl { get; set; }
}
