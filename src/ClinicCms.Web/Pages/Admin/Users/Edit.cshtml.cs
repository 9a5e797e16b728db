using ClinicCms.Content.Audit;
using ClinicCms.Content.Security;
using ClinicCms.Content.Store;
using ClinicCms.Web.Audit;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Users;

/// <summary>A user's email, profile (display name, credentials), roles and access, and a new password. Administrators cannot take their own Administrator role away.</summary>
public sealed class UserEditModel(UserManager<IdentityUser> users, SignInManager<IdentityUser> signIn, RoleStore roles, ContentUnitOfWork unitOfWork, AuditTrail audit)
    : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public IdentityUser? Account { get; private set; }
    public IList<string> Current { get; private set; } = [];
    public List<string> Roles { get; private set; } = [];
    public bool Enabled => !UserAccess.IsDisabled(Account?.LockoutEnd);
    public string? Error { get; private set; }
    public string? DisplayName { get; private set; }
    public string? Credentials { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Account = await users.FindByIdAsync(Id);
        if (Account is null)
        {
            return NotFound();
        }
        Current = await users.GetRolesAsync(Account);
        (DisplayName, Credentials) = await UserProfiles.GetAsync(users, Account);
        Roles = (await roles.ListAsync(HttpContext.RequestAborted)).Select(r => r.Name).Where(r => r is not (Stereotypes.Anonymous or Stereotypes.Authenticated)).ToList();
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync(string email, string[] roles, bool enabled, string? displayName, string? credentials)
    {
        if (await users.FindByIdAsync(Id) is not { } account)
        {
            return NotFound();
        }
        var self = PermissionService.UserIdOf(User) == account.Id;
        var current = await users.GetRolesAsync(account);
        if (self && current.Contains(Stereotypes.Administrator) && (!roles.Contains(Stereotypes.Administrator) || !enabled))
        {
            return await FailAsync("You cannot remove your own Administrator role or disable yourself: ask another administrator.");
        }
        if (UserProfiles.Refusal(displayName, credentials) is { } profileError)
        {
            return await FailAsync(profileError);
        }
        account.Email = email;
        // The changes and their audit row are kept together or not at all.
        await using var transaction = await unitOfWork.BeginAsync(HttpContext.RequestAborted);
        var result = await users.UpdateAsync(account);
        result = result.Succeeded ? await users.RemoveFromRolesAsync(account, current.Except(roles)) : result;
        result = result.Succeeded ? await users.AddToRolesAsync(account, roles.Except(current)) : result;
        result = result.Succeeded ? await users.SetLockoutEnabledAsync(account, true) : result;
        result = result.Succeeded ? await users.SetLockoutEndDateAsync(account, enabled ? null : UserAccess.DisabledUntil) : result;
        if (!result.Succeeded)
        {
            unitOfWork.Reset();
            return await FailAsync(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        if (await UserProfiles.SetAsync(users, account, displayName, credentials) is { } notStored)
        {
            unitOfWork.Reset();
            return await FailAsync(notStored);
        }
        await users.UpdateSecurityStampAsync(account); // role and access changes take effect on the user's next request
        await audit.RecordAsync(UserAudit.Row(AuditEvents.UserChanged, account, roles, enabled ? "enabled" : "disabled"), HttpContext.RequestAborted);
        await transaction.CommitAsync(HttpContext.RequestAborted);
        if (self)
        {
            await signIn.RefreshSignInAsync(account); // an administrator editing their own account stays signed in
        }
        TempData["Message"] = $"{account.UserName} was saved.";
        return Redirect($"/admin/users/{Id}");
    }

    public async Task<IActionResult> OnPostPasswordAsync(string password)
    {
        if (await users.FindByIdAsync(Id) is not { } account)
        {
            return NotFound();
        }
        await using var transaction = await unitOfWork.BeginAsync(HttpContext.RequestAborted);
        var token = await users.GeneratePasswordResetTokenAsync(account);
        var result = await users.ResetPasswordAsync(account, token, password);
        if (result.Succeeded)
        {
            await audit.RecordAsync(UserAudit.Row(AuditEvents.UserChanged, account, null, "password set"), HttpContext.RequestAborted);
            await transaction.CommitAsync(HttpContext.RequestAborted);
        }
        else
        {
            unitOfWork.Reset();
            return await FailAsync(string.Join(" ", result.Errors.Select(e => e.Description)));
        }
        TempData["Message"] = $"The password of {account.UserName} was set.";
        return Redirect($"/admin/users/{Id}");
    }

    private async Task<IActionResult> FailAsync(string error)
    {
        Error = error;
        return await OnGetAsync();
    }
}
