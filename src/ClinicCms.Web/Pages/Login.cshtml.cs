using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;

namespace ClinicCms.Web.Pages;

/// <summary>Editors sign in with a user name (or email) and password; repeated failures lock the account.</summary>
[EnableRateLimiting(Security.RateLimits.Login)]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users) : PageModel
{
    [BindProperty]
    public string UserName { get; set; } = "";

    [BindProperty]
    public string Password { get; set; } = "";

    [BindProperty]
    public bool RememberMe { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Error { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        var user = await users.FindByNameAsync(UserName) ?? (UserName.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(UserName) : null);
        var result = user is null ? Microsoft.AspNetCore.Identity.SignInResult.Failed : await signIn.PasswordSignInAsync(user, Password, RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        Error = result.IsLockedOut
            ? "This account is locked after too many failed sign-ins. Try again later, or ask an administrator."
            : "Wrong user name or password.";
        Password = "";
        return Page();
    }
}
