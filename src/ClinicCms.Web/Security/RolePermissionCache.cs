using ClinicCms.Content.Changes;
using ClinicCms.Content.Security;

namespace ClinicCms.Web.Security;

/// <summary>
/// The permissions of every role, cached per roles version: a change in this process is seen at once, one made by
/// another process on the same database within a second, as the GraphQL schema cache does.
/// </summary>
public sealed class RolePermissionCache(ContentChanges changes, TimeProvider clock)
    : VersionedCache<Dictionary<string, HashSet<string>>>(() => changes.RolesStamp, TimeSpan.FromSeconds(1), clock)
{
    private sealed record AnonymousEntry(Dictionary<string, HashSet<string>> ByRole, UserPermissions Permissions);

    private volatile AnonymousEntry? _anonymous;

    public async Task<Dictionary<string, HashSet<string>>> GetAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        if (TryGetFresh(out _, out var fresh))
        {
            return fresh;
        }
        var roles = services.GetRequiredService<RoleStore>();
        var (_, byRole) = await GetAsync(
            async ct => await roles.VersionAsync(ct) ?? 0,
            async ct => (await roles.VersionAsync(ct) ?? 0, await roles.PermissionsByRoleAsync(ct)),
            cancellationToken);
        return byRole;
    }

    /// <summary>What an anonymous caller holds under <paramref name="byRole"/>: one object for all anonymous requests until the roles change.</summary>
    public UserPermissions Anonymous(Dictionary<string, HashSet<string>> byRole)
    {
        if (_anonymous is { } last && ReferenceEquals(last.ByRole, byRole))
        {
            return last.Permissions;
        }
        var anonymous = UserPermissions.Of(byRole, [Stereotypes.Anonymous], userId: null, shared: true);
        _anonymous = new AnonymousEntry(byRole, anonymous);
        return anonymous;
    }
}
