using System.Security.Claims;
using ClinicCms.Content.Store;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Security;

/// <summary>
/// Roles in Identity's tables, with their permissions as role claims of type "Permission", as Orchard stores them.
/// Every change bumps the roles document's version, which permission caches watch, in the change's transaction,
/// so the roles change is announced when that commits (a recipe's, or the store's own).
/// </summary>
public sealed class RoleStore(ClinicCmsDbContext db, SiteDocumentStore documents)
{
    public const string PermissionClaim = "Permission";
    public const string DescriptionClaim = "Description";

    public async Task<List<RoleDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        var roles = await db.Roles.AsNoTracking().OrderBy(r => r.Name).ToListAsync(cancellationToken);
        var claims = await db.RoleClaims.AsNoTracking().ToListAsync(cancellationToken);
        return roles.ConvertAll(r => ToDefinition(r, claims.Where(c => c.RoleId == r.Id)));
    }

    public async Task<RoleDefinition?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var role = await db.Roles.AsNoTracking().FirstOrDefaultAsync(r => r.NormalizedName == Normalize(name), cancellationToken);
        return role is null ? null : ToDefinition(role, await db.RoleClaims.AsNoTracking().Where(c => c.RoleId == role.Id).ToListAsync(cancellationToken));
    }

    /// <summary>Creates or updates a role with exactly these permissions; an unchanged role is not written.</summary>
    public async Task SaveAsync(RoleDefinition record, CancellationToken cancellationToken = default)
    {
        var stored = await FindAsync(record.Name, cancellationToken);
        List<string> wanted = Stereotypes.IsAdministrator(record.Name) ? [] : [.. record.Permissions.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        if (stored is not null && stored.Description == record.Description && stored.Permissions.SequenceEqual(wanted))
        {
            return;
        }
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var role = await db.Roles.FirstOrDefaultAsync(r => r.NormalizedName == Normalize(record.Name), cancellationToken);
        if (role is null)
        {
            role = new IdentityRole(record.Name) { NormalizedName = Normalize(record.Name), ConcurrencyStamp = Guid.NewGuid().ToString() };
            db.Roles.Add(role);
            await db.SaveChangesAsync(cancellationToken);
        }
        await db.RoleClaims.Where(c => c.RoleId == role.Id && (c.ClaimType == PermissionClaim || c.ClaimType == DescriptionClaim)).ExecuteDeleteAsync(cancellationToken);
        foreach (var permission in wanted)
        {
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = PermissionClaim, ClaimValue = permission });
        }
        if (!string.IsNullOrEmpty(record.Description))
        {
            db.RoleClaims.Add(new IdentityRoleClaim<string> { RoleId = role.Id, ClaimType = DescriptionClaim, ClaimValue = record.Description });
        }
        await db.SaveChangesAsync(cancellationToken);
        await TouchAsync(Describe(record, stored, wanted), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var deleted = await db.Roles.Where(r => r.NormalizedName == Normalize(name)).ExecuteDeleteAsync(cancellationToken) > 0;
        await TouchAsync($"role {name} deleted", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    /// <summary>The permissions each role grants, for the permission cache.</summary>
    public async Task<Dictionary<string, HashSet<string>>> PermissionsByRoleAsync(CancellationToken cancellationToken = default)
    {
        var rows = await (from r in db.Roles.AsNoTracking()
                          join c in db.RoleClaims.AsNoTracking().Where(c => c.ClaimType == PermissionClaim) on r.Id equals c.RoleId into claims
                          from c in claims.DefaultIfEmpty()
                          select new { r.Name, c.ClaimValue }).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.Name!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Select(r => r.ClaimValue).OfType<string>().ToHashSet(StringComparer.Ordinal), StringComparer.OrdinalIgnoreCase);
    }

    public Task<long?> VersionAsync(CancellationToken cancellationToken = default) => documents.VersionAsync(SiteDocumentNames.Roles, cancellationToken);

    private Task<long> TouchAsync(string auditDetail, CancellationToken cancellationToken) => documents.SaveAsync(SiteDocumentNames.Roles, "{}", auditDetail, cancellationToken);

    // Names what the save changed, so the audit trail says what a role gained or lost, not only that it changed.
    private static string Describe(RoleDefinition record, RoleDefinition? stored, List<string> permissions)
    {
        if (stored is null)
        {
            return permissions.Count == 0 ? $"role {record.Name} created" : $"role {record.Name} created; permissions: {string.Join(", ", permissions)}";
        }
        var notes = new List<string> { $"role {record.Name}" };
        if (permissions.Except(stored.Permissions, StringComparer.Ordinal).ToList() is { Count: > 0 } added)
        {
            notes.Add($"added: {string.Join(", ", added)}");
        }
        if (stored.Permissions.Except(permissions, StringComparer.Ordinal).ToList() is { Count: > 0 } removed)
        {
            notes.Add($"removed: {string.Join(", ", removed)}");
        }
        if (stored.Description != record.Description)
        {
            notes.Add("description changed");
        }
        return string.Join("; ", notes);
    }

    private static RoleDefinition ToDefinition(IdentityRole role, IEnumerable<IdentityRoleClaim<string>> claims)
    {
        var list = claims.ToList();
        return new RoleDefinition(role.Name!, list.FirstOrDefault(c => c.ClaimType == DescriptionClaim)?.ClaimValue,
            list.Where(c => c.ClaimType == PermissionClaim).Select(c => c.ClaimValue!).Order(StringComparer.Ordinal).ToList());
    }

    private static string Normalize(string name) => name.ToUpperInvariant();
}
