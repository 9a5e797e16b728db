using System.Text.Json.Nodes;
using ClinicCms.Content.Store;

namespace ClinicCms.Web.Security;

/// <summary>
/// The site settings document (Orchard's Settings recipe step writes it), cached per settings stamp: a recipe that
/// changes it announces that when it commits, here or (through Redis) on another instance. Without Redis, another
/// process's change (a command-line recipe run) is seen within ten seconds, the response cache's own bound.
/// </summary>
public sealed class SiteSettingsCache(ContentChangeSignal signal, TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(10);
    private Entry? _current;

    private sealed record Entry(long Version, long Stamp, DateTimeOffset CheckedUtc, JsonObject Settings);

    public async ValueTask<JsonObject> GetAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        var stamp = signal.SettingsStamp;
        var now = clock.GetUtcNow();
        if (current is not null && current.Stamp == stamp && now - current.CheckedUtc < PollInterval)
        {
            return current.Settings;
        }
        var documents = services.GetRequiredService<SiteDocumentStore>();
        var version = await documents.VersionAsync(SiteDocumentNames.Settings, cancellationToken) ?? 0;
        var settings = current is not null && current.Version == version
            ? current.Settings
            : (await documents.FindAsync(SiteDocumentNames.Settings, cancellationToken))?.Content is { } json && JsonNode.Parse(json) is JsonObject parsed ? parsed : [];
        Volatile.Write(ref _current, new Entry(version, stamp, now, settings));
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
