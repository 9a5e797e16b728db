namespace ClinicCms.Content.Definitions;

public sealed class AutoroutePartSettings
{
    /// <summary>Orchard's default pattern.</summary>
    public const string DefaultPattern = "{{ ContentItem.DisplayText | slugify }}";

    public bool AllowCustomPath { get; set; }
    public string? Pattern { get; set; }
    public bool AllowUpdatePath { get; set; }
}
