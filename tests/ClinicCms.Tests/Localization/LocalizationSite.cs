using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Localization;

/// <summary>The clinic site on one reader configuration, plus the English and Spanish test articles of localized.recipe.json.</summary>
public abstract class LocalizationSite(ReaderConfiguration configuration) : ReaderSite(configuration)
{
    public static string Recipe => Path.Combine(AppContext.BaseDirectory, "Localization", "Files", "localized.recipe.json");

    /// <summary>Counts the site's SQL commands (and holds its clock while a test counts).</summary>
    public SqlCommandCounter Counter { get; } = new();

    protected override void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services) => Counter.CountIn(services);

    protected override Task SeedAsync(ClinicCmsApp app) => app.RunRecipeAsync(Recipe);
}
