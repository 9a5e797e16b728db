using System.Security.Claims;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Security;

namespace ClinicCms.Web.Security;

/// <summary>
/// Evaluates a caller's permissions as Orchard does: every caller has the Anonymous role, signed-in users and API
/// clients also Authenticated, plus the roles in their cookie or token. Evaluated once per request.
/// </summary>
public sealed class PermissionService(RolePermissionCache cache, IServiceProvider services)
{
    private (ClaimsPrincipal User, UserPermissions Permissions)? _last;

    public async ValueTask<UserPermissions> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        if (_last is { } last && ReferenceEquals(last.User, user))
        {
            return last.Permissions;
        }
        var byRole = await cache.GetAsync(services, cancellationToken);
        if (user.Identity?.IsAuthenticated != true)
        {
            var anonymous = cache.Anonymous(byRole);
            _last = (user, anonymous);
            return anonymous;
        }
        var result = UserPermissions.Of(byRole, RolesOf(user), UserIdOf(user));
        _last = (user, result);
        return result;
    }

    public static string? UserIdOf(ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? user.FindFirstValue("sub") : null;

    /// <summary>The caller as a writer of content: owner id and author name; may not review until a caller that checked ReviewContent says so.</summary>
    public static ContentUser WriterOf(ClaimsPrincipal user) => new(UserIdOf(user), user.Identity?.Name);

    /// <summary>The request's user as a writer, with the client's address (after the forwarded headers) for the audit trail.</summary>
    public static ContentUser WriterOf(HttpContext http) => WriterOf(http.User) with { Address = Audit.ClientAddress.Of(http) };

    public static List<string> RolesOf(ClaimsPrincipal user)
    {
        var roles = new List<string> { Stereotypes.Anonymous };
        if (user.Identity?.IsAuthenticated == true)
        {
            roles.Add(Stereotypes.Authenticated);
            roles.AddRange(user.FindAll(ClaimTypes.Role).Concat(user.FindAll("role")).Select(c => c.Value));
        }
        return roles;
    }
}
