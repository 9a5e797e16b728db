using System.Text.Json.Nodes;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Store;

namespace ClinicCms.Web.Security;

/// <summary>
/// The site settings document (Orchard's Settings recipe step writes it), cached per settings version: a recipe that
/// changes it is announced when it commits, here or (through Redis) on another instance. Without Redis, another
/// process's change (a command-line recipe run) is seen within ten seconds, the response cache's own bound.
/// </summary>
public sealed class SiteSettingsCache(ContentChanges changes, TimeProvider clock)
    : VersionedCache<JsonObject>(() => changes.SettingsStamp, TimeSpan.FromSeconds(10), clock)
{
    public async ValueTask<JsonObject> GetAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (TryGetFresh(out _, out var fresh))
        {
            return fresh;
        }
        var documents = services.GetRequiredService<SiteDocumentStore>();
        var (_, settings) = await GetAsync(
            async ct => await documents.VersionAsync(SiteDocumentNames.Settings, ct) ?? 0,
            async ct => await documents.FindAsync(SiteDocumentNames.Settings, ct) is { } document
                ? (document.Version, JsonNode.Parse(document.Content) as JsonObject ?? [])
                : (0L, []),
            cancellationToken);
        return settings;
    }

    /// <summary>
    /// Whether anonymous GraphQL callers may see owner and author (user names, which help credential stuffing): the
    /// site setting <c>GraphQLSettings.ExposeAuthorsToAnonymous</c>, off unless a recipe's Settings step turns it on.
    /// </summary>
    public async ValueTask<bool> ExposeAuthorsToAnonymousAsync(IServiceProvider services, CancellationToken cancellationToken = default) =>
        (await GetAsync(services, cancellationToken))["GraphQLSettings"]?["ExposeAuthorsToAnonymous"] is JsonValue value
        && value.TryGetValue(out bool on) && on;
}
