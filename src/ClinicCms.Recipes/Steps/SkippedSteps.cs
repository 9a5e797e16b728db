namespace ClinicCms.Recipes.Steps;

/// <summary>
/// Orchard steps that ClinicCms passes over with a warning in the report: theme and page-rendering steps, which
/// a headless backend has no use for, and steps that a later issue implements. Any other unknown name is an error.
/// </summary>
public static class SkippedSteps
{
    private const string Rendering = "concerns themes or page rendering, which a headless backend does not do";
    private const string Indexing = "search indexes are not part of ClinicCms; GraphQL filters run on the database";
    private const string NotYet = "not implemented yet in ClinicCms";

    private static readonly Dictionary<string, string> Reasons = new(StringComparer.OrdinalIgnoreCase)
    {
        ["themes"] = Rendering,
        ["layers"] = Rendering,
        ["Templates"] = Rendering,
        ["AdminTemplates"] = Rendering,
        ["Placements"] = Rendering,
        ["AdminMenu"] = Rendering,
        ["MediaProfiles"] = Rendering,
        ["ShortcodeTemplates"] = Rendering,
        ["Sitemaps"] = Rendering,
        ["UrlRewriting"] = Rendering,
        ["WorkflowType"] = "workflows are not part of ClinicCms",
        ["queries"] = "named SQL and Lucene queries are not part of ClinicCms; use GraphQL filters",
        ["lucene-index"] = Indexing,
        ["lucene-index-rebuild"] = Indexing,
        ["lucene-index-reset"] = Indexing,
        ["ElasticIndexSettings"] = Indexing,
        ["elastic-index-rebuild"] = Indexing,
        ["elastic-index-reset"] = Indexing,
        ["CreateOrUpdateIndexProfile"] = Indexing,
        ["ResetIndex"] = Indexing,
        ["RebuildIndex"] = Indexing,
        ["FeatureProfiles"] = "ClinicCms has one site and no feature profiles",
        ["deployment"] = "deployment plans are not part of ClinicCms; use `recipe export`",
        ["recipes"] = "ClinicCms has no module recipes to run by name",
        ["OpenIdClientSettings"] = "ClinicCms signs nobody in with a remote OpenID provider",
        ["OpenIdValidationSettings"] = "ClinicCms validates the tokens it issues itself; remote authorities are not used",
        ["custom-user-settings"] = NotYet + " (users)",
    };

    public static string? ReasonFor(string stepName) => Reasons.GetValueOrDefault(stepName);
}
