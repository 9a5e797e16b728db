using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Localization;

/// <summary>
/// The site's <see cref="LocalizationSettings"/>, read from the site settings document and shared per settings version:
/// a recipe that changes them is announced when it commits (here or, through Redis, on another instance).
/// </summary>
public sealed class SiteCultures(SiteDocumentStore documents, SiteCultures.Cache cache)
{
    /// <summary>The parsed settings of the last version read, shared by all requests.</summary>
    public sealed class Cache(ContentChanges changes, TimeProvider clock)
        : VersionedCache<StrongBox<LocalizationSettings?>>(() => changes.SettingsStamp, TimeSpan.FromSeconds(1), clock);

    /// <summary>
    /// The culture a query with <see cref="Reading.ContentQuery.Fallback"/> falls back to: the site's default culture;
    /// null when the query asks no fallback, the site has no cultures, or the query's culture is the default.
    /// </summary>
    public async ValueTask<string?> FallbackOfAsync(Reading.ContentQuery query, CancellationToken cancellationToken = default) =>
        query is { Fallback: true, Culture: { } culture } && await GetAsync(cancellationToken) is { } settings && settings.DefaultCulture != culture
            ? settings.DefaultCulture
            : null;

    /// <summary>The site's cultures; null when the site has no LocalizationSettings (then any culture name is accepted).</summary>
    public async ValueTask<LocalizationSettings?> GetAsync(CancellationToken cancellationToken = default)
    {
        if (cache.TryGetFresh(out _, out var fresh))
        {
            return fresh.Value;
        }
        var (_, settings) = await cache.GetAsync(
            async ct => await documents.VersionAsync(SiteDocumentNames.Settings, ct) ?? 0,
            async ct => await documents.FindAsync(SiteDocumentNames.Settings, ct) is { } document
                ? (document.Version, new StrongBox<LocalizationSettings?>(LocalizationSettings.From(JsonNode.Parse(document.Content) as JsonObject)))
                : (0L, new StrongBox<LocalizationSettings?>(null)),
            cancellationToken);
        return settings.Value;
    }
}
