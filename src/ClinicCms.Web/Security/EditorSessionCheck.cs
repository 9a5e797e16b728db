using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Security;

/// <summary>
/// Checks an editor's cookie against the database on every request (one lookup by id): a deleted user, a changed
/// security stamp (the users admin changes it on every change of roles or access) or a disabled account ends the
/// session at once, on every instance. Identity's own validator only looks every 30 minutes.
/// </summary>
public static class EditorSessionCheck
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var claims = context.HttpContext.RequestServices.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity;
        var users = context.HttpContext.RequestServices.GetRequiredService<UserManager<IdentityUser>>();
        var principal = context.Principal;
        var id = principal?.FindFirstValue(claims.UserIdClaimType);
        var stamp = principal?.FindFirstValue(claims.SecurityStampClaimType);
        var user = string.IsNullOrEmpty(id) ? null : await users.FindByIdAsync(id);
        if (user is null || stamp is null || !string.Equals(user.SecurityStamp, stamp, StringComparison.Ordinal) || UserAccess.IsDisabled(user))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
        }
    }
}
