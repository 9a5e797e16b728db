namespace ClinicCms.Content.Parts;

/// <summary>The part kinds whose data ClinicCms understands and maintains. Other parts are stored unchanged.</summary>
public static class PartNames
{
    public const string TitlePart = nameof(TitlePart);
    public const string AutoroutePart = nameof(AutoroutePart);
    public const string HtmlBodyPart = nameof(HtmlBodyPart);
    public const string MarkdownBodyPart = nameof(MarkdownBodyPart);
    public const string CommonPart = nameof(CommonPart);
    public const string MedicalReviewPart = nameof(MedicalReviewPart);
    public const string PublishLaterPart = nameof(PublishLaterPart);
    public const string ArchiveLaterPart = nameof(ArchiveLaterPart);
    public const string SeoMetaPart = nameof(SeoMetaPart);
    public const string LocalizationPart = nameof(LocalizationPart);

    public static readonly IReadOnlySet<string> Known = new HashSet<string>(StringComparer.Ordinal)
    {
        TitlePart, AutoroutePart, HtmlBodyPart, MarkdownBodyPart, CommonPart, MedicalReviewPart, PublishLaterPart, ArchiveLaterPart,
        SeoMetaPart, LocalizationPart,
    };
}
