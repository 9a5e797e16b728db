using ClinicCms.Content.Audit;
using ClinicCms.Content.ContentItems;
using ClinicCms.Web.Audit;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages;

/// <summary>
/// Signing out is a form post (with its antiforgery token), so no link on another site can do it. It also renews the
/// user's security stamp, which every request's cookie check compares: a copy of the cookie taken before (from a
/// shared computer, a proxy log) stops working at once, and so do the user's sessions on other devices.
/// </summary>
public sealed class LogoutModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, AuditTrail audit) : PageModel
{
    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (await users.GetUserAsync(User) is { } user)
        {
            await users.UpdateSecurityStampAsync(user);
            await audit.RecordAsync(AuditRow.Of(AuditCategories.SignIn, AuditEvents.SignedOut,
                new ContentUser(user.Id, user.UserName) { Address = ClientAddress.Of(HttpContext) }), HttpContext.RequestAborted);
        }
        await signIn.SignOutAsync();
        return Redirect("/login");
    }
}
