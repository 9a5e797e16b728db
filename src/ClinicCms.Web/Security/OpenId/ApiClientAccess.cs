using System.Collections.Concurrent;
using ClinicCms.Content.Changes;
using OpenIddict.Abstractions;

namespace ClinicCms.Web.Security.OpenId;

/// <summary>
/// The current state of each API client, read on every bearer request so that disabling a client or changing its
/// roles takes effect on tokens already issued. An entry lives one second at most and is dropped at once on an
/// access change here or on another instance (the store announces a client's change when it commits; Redis carries
/// it to the other instances when configured).
/// </summary>
public sealed class ApiClientAccess(ContentChanges changes, TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>An existing client: whether it may use its tokens, its roles now, and the stamp of its current secret.</summary>
    public sealed record State(bool Enabled, string[] Roles, string? SecretStamp);

    private sealed record Entry(long Stamp, DateTimeOffset ReadUtc, State? State);

    /// <summary>The client's state, or null when no such client exists (any more).</summary>
    public async Task<State?> GetAsync(string clientId, IOpenIddictApplicationManager applications, CancellationToken cancellationToken)
    {
        var stamp = changes.AccessStamp;
        var now = clock.GetUtcNow();
        if (_entries.TryGetValue(clientId, out var entry) && entry.Stamp == stamp && now - entry.ReadUtc < MaxAge)
        {
            return entry.State;
        }
        State? state = null;
        if (await applications.FindByClientIdAsync(clientId, cancellationToken) is { } application)
        {
            var properties = await applications.GetPropertiesAsync(application, cancellationToken);
            state = new State(
                !properties.ContainsKey(ApplicationRoles.DisabledProperty),
                await ApplicationRoles.GetAsync(applications, application, cancellationToken),
                ApplicationSecrets.Stamp(properties));
        }
        if (_entries.Count > 10_000)
        {
            _entries.Clear(); // client ids come from valid tokens only, so this bound is never reached in practice
        }
        _entries[clientId] = new Entry(stamp, now, state);
        return state;
    }
}
