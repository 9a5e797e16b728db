using ClinicCms.Content.Security;

namespace ClinicCms.Web.Security;

/// <summary>What one caller holds: the permissions of their roles (Anonymous, Authenticated and their own), or everything for an Administrator.</summary>
public sealed record UserPermissions(string? UserId, bool IsAdministrator, IReadOnlySet<string> Held)
{
    public bool Has(string permission) => IsAdministrator || PermissionCatalog.Grants(Held, permission);
}
