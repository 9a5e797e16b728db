namespace ClinicCms.Content.Definitions;

/// <summary>HtmlBodyPartSettings, MarkdownBodyPartSettings, HtmlFieldSettings and MarkdownFieldSettings share this switch.</summary>
public sealed class BodyPartSettings
{
    public bool SanitizeHtml { get; set; } = true;

    /// <summary>Keep form, input, button, select, textarea (and option, optgroup, datalist, output) when sanitizing; off by default.</summary>
    public bool AllowForms { get; set; }

    /// <summary>Keep iframe (http and https sources only) when sanitizing; off by default.</summary>
    public bool AllowIframes { get; set; }
}
