using ClinicCms.Content.Security;
using ClinicCms.Content.Store;

namespace ClinicCms.Web.Security;

/// <summary>
/// The permissions of every role, cached per roles version: a change in this process is seen at once, one made by
/// another process on the same database within a second, as the GraphQL schema cache does.
/// </summary>
public sealed class RolePermissionCache(ContentChangeSignal signal, TimeProvider clock)
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private Entry? _current;

    private sealed record Entry(long Version, long Stamp, DateTimeOffset CheckedUtc, Dictionary<string, HashSet<string>> ByRole);

    public async Task<Dictionary<string, HashSet<string>>> GetAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        var current = Volatile.Read(ref _current);
        var stamp = signal.RolesStamp;
        var now = clock.GetUtcNow();
        if (current is not null && current.Stamp == stamp && now - current.CheckedUtc < PollInterval)
        {
            return current.ByRole;
        }
        var roles = services.GetRequiredService<RoleStore>();
        var version = await roles.VersionAsync(cancellationToken) ?? 0;
        var byRole = current is not null && current.Version == version ? current.ByRole : await roles.PermissionsByRoleAsync(cancellationToken);
        Volatile.Write(ref _current, new Entry(version, stamp, now, byRole));
        return byRole;
    }
}
