namespace ClinicCms.Content.Store;

public static class SiteDocumentNames
{
    public const string ContentDefinitions = "ContentDefinitions";
    public const string Settings = "Settings";
    public const string Roles = "Roles";
    public const string Features = "Features";

    /// <summary>Holds nothing; its version moves with every webhook write, so caches of the subscriptions see the change.</summary>
    public const string Webhooks = "Webhooks";

    /// <summary>Written once, in the setup transaction; its presence means the site is set up.</summary>
    public const string Setup = "Setup";
}
