using ClinicCms.Content.Audit;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Security;
using ClinicCms.Content.Store;
using ClinicCms.Web.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Web.Pages.Admin.Users;

/// <summary>Every user with their roles; a new user gets a password that must pass the password rules.</summary>
public sealed class UsersModel(UserManager<IdentityUser> users, RoleStore roles, ContentUnitOfWork unitOfWork, AuditTrail audit) : PageModel
{
    public List<IdentityUser> Users { get; private set; } = [];
    public Dictionary<string, IList<string>> RolesOf { get; } = [];
    public List<string> Roles { get; private set; } = [];
    public string? Error { get; private set; }

    public async Task OnGetAsync()
    {
        Users = await users.Users.OrderBy(u => u.UserName).ToListAsync(HttpContext.RequestAborted);
        foreach (var user in Users)
        {
            RolesOf[user.Id] = await users.GetRolesAsync(user);
        }
        Roles = (await roles.ListAsync(HttpContext.RequestAborted)).Select(r => r.Name).Where(r => r is not (Stereotypes.Anonymous or Stereotypes.Authenticated)).ToList();
    }

    public async Task<IActionResult> OnPostAsync(string userName, string email, string password, string[] roles)
    {
        var user = new IdentityUser(userName) { Id = IdGenerator.NewId(), Email = email, EmailConfirmed = true };
        // The user, their roles and the audit row are kept together or not at all.
        await using var transaction = await unitOfWork.BeginAsync(HttpContext.RequestAborted);
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded)
        {
            result = await users.AddToRolesAsync(user, roles);
        }
        if (result.Succeeded)
        {
            await audit.RecordAsync(UserAudit.Row(AuditEvents.UserCreated, user, roles), HttpContext.RequestAborted);
            await transaction.CommitAsync(HttpContext.RequestAborted);
        }
        else
        {
            unitOfWork.Reset();
        }
        if (!result.Succeeded)
        {
            Error = string.Join(" ", result.Errors.Select(e => e.Description));
            await OnGetAsync();
            return Page();
        }
        TempData["Message"] = $"{userName} was created.";
        return RedirectToPage();
    }
}
