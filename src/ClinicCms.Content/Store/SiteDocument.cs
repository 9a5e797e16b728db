namespace ClinicCms.Content.Store;

/// <summary>A site-wide JSON document (content definitions, settings, roles, features, setup state), versioned for caches.</summary>
public sealed class SiteDocument
{
    public string Name { get; set; } = "";
    public string Content { get; set; } = "{}";
    public long Version { get; set; }
}
