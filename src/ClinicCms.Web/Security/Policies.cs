using ClinicCms.Content.Security;
using Microsoft.AspNetCore.Authorization;

namespace ClinicCms.Web.Security;

/// <summary>The named authorization policies, one per permission an endpoint group requires.</summary>
public static class Policies
{
    public const string AccessContentApi = Permissions.AccessContentApi;
    public const string AccessAdminPanel = Permissions.AccessAdminPanel;
    public const string EditContentTypes = Permissions.EditContentTypes;
    public const string ManageUsers = Permissions.ManageUsers;
    public const string ManageRoles = Permissions.ManageRoles;
    public const string ManageOwnMedia = Permissions.ManageOwnMediaContent;
    public const string ManageApiClients = Permissions.ManageOpenIdApplications;
    public const string Import = Permissions.Import;
    public const string ViewAuditTrail = Permissions.ViewAuditTrail;
    public const string ManageWebhooks = Permissions.ManageWebhooks;

    public static void Add(AuthorizationOptions options)
    {
        foreach (var permission in new[] { AccessContentApi, AccessAdminPanel, EditContentTypes, ManageUsers, ManageRoles, ManageOwnMedia, ManageApiClients, Import, ViewAuditTrail, ManageWebhooks })
        {
            options.AddPolicy(permission, p => p.AddRequirements(new PermissionRequirement(permission)));
        }
    }
}

/// <summary>Requires one permission, evaluated through the caller's roles (Anonymous included).</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

public sealed class PermissionAuthorizationHandler(PermissionService permissions) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        if ((await permissions.ForAsync(context.User)).Has(requirement.Permission))
        {
            context.Succeed(requirement);
        }
    }
}
