using ClinicCms.Tests.Security;

namespace ClinicCms.Tests.Localization;

/// <summary>The secured clinic site (tokens for the REST API) with English and Spanish as its cultures.</summary>
public sealed class LocalizedWriteSite : IAsyncLifetime
{
    public SecuredSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Site = await SecuredSite.StartAsync();
        await Site.App.RunRecipeTextAsync("""
            { "steps": [ { "name": "Settings", "LocalizationSettings": { "DefaultCulture": "en-US", "SupportedCultures": ["en-US", "es-US"] } } ] }
            """, "cultures.recipe.json");
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}
