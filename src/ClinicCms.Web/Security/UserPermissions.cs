using System.Collections.Concurrent;
using ClinicCms.Content.Security;

namespace ClinicCms.Web.Security;

/// <summary>What one caller holds: the permissions of their roles (Anonymous, Authenticated and their own), or everything for an Administrator.</summary>
/// <param name="shared">
/// Shared by many requests (every anonymous request while the roles stay as they are): then the answers of
/// <see cref="Has"/> are kept, since what is held never changes.
/// </param>
public sealed class UserPermissions(string? userId, bool isAdministrator, IReadOnlySet<string> held, bool shared = false)
{
    // Permission names come from the catalog and the site's types, so this stays small; the cap is for safety.
    private const int MaxKept = 1024;

    private readonly ConcurrentDictionary<string, bool>? _granted = shared ? new(StringComparer.Ordinal) : null;
    private int _grantedCount; // the dictionary's own Count takes all its locks
    private string? _heldKey;

    public string? UserId { get; } = userId;

    public bool IsAdministrator { get; } = isAdministrator;

    public IReadOnlySet<string> Held { get; } = held;

    public bool Has(string permission)
    {
        if (IsAdministrator)
        {
            return true;
        }
        if (_granted is null)
        {
            return PermissionCatalog.Grants(Held, permission);
        }
        if (!_granted.TryGetValue(permission, out var granted))
        {
            granted = PermissionCatalog.Grants(Held, permission);
            if (Volatile.Read(ref _grantedCount) < MaxKept && _granted.TryAdd(permission, granted))
            {
                Interlocked.Increment(ref _grantedCount);
            }
        }
        return granted;
    }

    /// <summary>What a caller with <paramref name="roles"/> holds: the union of their roles' permissions.</summary>
    public static UserPermissions Of(Dictionary<string, HashSet<string>> byRole, IReadOnlyList<string> roles, string? userId, bool shared = false)
    {
        var held = new HashSet<string>(StringComparer.Ordinal);
        foreach (var role in roles)
        {
            if (byRole.TryGetValue(role, out var permissions))
            {
                held.UnionWith(permissions);
            }
        }
        return new UserPermissions(userId, roles.Any(Stereotypes.IsAdministrator), held, shared);
    }

    /// <summary>The permissions held, in one string: "administrator", or their names in order.</summary>
    public string HeldKey => _heldKey ??= IsAdministrator ? "administrator" : string.Join(',', Held.Order(StringComparer.Ordinal));
}
