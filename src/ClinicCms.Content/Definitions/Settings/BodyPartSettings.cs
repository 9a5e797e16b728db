namespace ClinicCms.Content.Definitions;

/// <summary>HtmlBodyPartSettings, MarkdownBodyPartSettings, HtmlFieldSettings and MarkdownFieldSettings share this switch.</summary>
public sealed class BodyPartSettings
{
    public bool SanitizeHtml { get; set; } = true;
}
