namespace ClinicCms.Content.Definitions;

/// <summary>
/// Orchard's SeoMetaPartSettings: which groups of SeoMetaPart the editor shows besides the page title, description,
/// canonical URL, robots and default social image. All off by default, as in Orchard; values of hidden groups are kept.
/// </summary>
public sealed class SeoMetaPartSettings
{
    public bool DisplayKeywords { get; set; }
    public bool DisplayCustomMetaTags { get; set; }
    public bool DisplayOpenGraph { get; set; }
    public bool DisplayTwitter { get; set; }
    public bool DisplayGoogleSchema { get; set; }
}
