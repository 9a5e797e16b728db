using ClinicCms.Content.Definitions;
using ClinicCms.Content.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Roles;

/// <summary>Roles and their permissions, grouped by area, with the per-type permissions of Securable types.</summary>
public sealed class RolesModel(RoleStore roles, ContentDefinitionStore definitions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Name { get; set; }

    public List<RoleDefinition> All { get; private set; } = [];
    public RoleDefinition? Selected { get; private set; }
    public List<(string Group, string[] Permissions)> Groups { get; } = [];

    public async Task OnGetAsync()
    {
        All = await roles.ListAsync(HttpContext.RequestAborted);
        Selected = All.Find(r => r.Name == Name) ?? All.FirstOrDefault();
        Groups.Add(("Content", [Permissions.ViewContent, Permissions.ViewOwnContent, Permissions.PreviewContent, Permissions.PreviewOwnContent,
            Permissions.EditContent, Permissions.EditOwnContent, Permissions.PublishContent, Permissions.PublishOwnContent, Permissions.DeleteContent,
            Permissions.DeleteOwnContent, Permissions.CloneContent, Permissions.CloneOwnContent, Permissions.ListContent, Permissions.EditContentOwner, Permissions.ReviewContent]));
        foreach (var type in (await definitions.GetAsync(HttpContext.RequestAborted)).Types.Where(t => t.TypeSettings.Securable))
        {
            Groups.Add(($"{type.DisplayName ?? type.Name} items", Permissions.TypeTemplates.Values.Select(t => string.Format(System.Globalization.CultureInfo.InvariantCulture, t, type.Name)).ToArray()));
        }
        Groups.Add(("APIs", [Permissions.ExecuteGraphQL, Permissions.AccessContentApi]));
        Groups.Add(("Admin", [Permissions.AccessAdminPanel, Permissions.AccessAdminDashboard, Permissions.EditOwnUser, Permissions.ManageMediaContent, Permissions.ManageOwnMediaContent]));
        Groups.Add(("Site", [Permissions.EditContentTypes, Permissions.ViewContentTypes, Permissions.ManageUsers, Permissions.ViewUsers, Permissions.ManageRoles,
            Permissions.ManageOpenIdApplications, Permissions.Import, Permissions.Export, Permissions.ManageSettings, Permissions.ViewAuditTrail, Permissions.ManageWebhooks]));
    }

    public async Task<IActionResult> OnPostAsync(string[] permissions)
    {
        if (string.IsNullOrEmpty(Name) || await roles.FindAsync(Name, HttpContext.RequestAborted) is not { } role || Stereotypes.IsAdministrator(role.Name))
        {
            return NotFound();
        }
        await roles.SaveAsync(role with { Permissions = permissions }, HttpContext.RequestAborted);
        TempData["Message"] = $"The permissions of {role.Name} were saved.";
        return Redirect($"/admin/roles/{role.Name}");
    }

    public async Task<IActionResult> OnPostCreateAsync(string roleName)
    {
        if (!string.IsNullOrWhiteSpace(roleName) && await roles.FindAsync(roleName, HttpContext.RequestAborted) is null)
        {
            await roles.SaveAsync(new RoleDefinition(roleName.Trim(), null, Stereotypes.Defaults.GetValueOrDefault(roleName.Trim()) ?? []), HttpContext.RequestAborted);
        }
        return Redirect($"/admin/roles/{roleName}");
    }
}
