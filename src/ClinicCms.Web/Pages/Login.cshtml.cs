using ClinicCms.Content.Audit;
using ClinicCms.Content.ContentItems;
using ClinicCms.Web.Audit;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Pages;

/// <summary>
/// Editors sign in with a user name (or email) and password. Repeated failures lock the account for the address they
/// come from (see <see cref="SignInLockout"/>). An unknown user, a wrong password and a locked or disabled account get
/// the same answer, after the same password hashing work.
/// </summary>
[EnableRateLimiting(Security.RateLimits.Login)]
public sealed class LoginModel(SignInManager<IdentityUser> signIn, UserManager<IdentityUser> users, SignInLockout lockout, IOptions<SecurityOptions> security,
    TimeProvider clock, AuditTrail audit) : PageModel
{
    public const string Failed = "Wrong user name or password, or too many failed attempts: try again later, or ask an administrator.";

    // Hashed once, by the site's own hasher (its rounds); an unknown user's or a locked account's password is checked
    // against it, so it costs the same time as a real user's.
    private static string? _dummyHash;

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
        var address = HttpContext.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        var user = await users.FindByNameAsync(UserName) ?? (UserName.Contains('@', StringComparison.Ordinal) ? await users.FindByEmailAsync(UserName) : null);
        var refusal = user is null ? "unknown user name"
            : await lockout.IsLockedAsync(user.Id, address) ? "locked out from this address"
            : await users.IsLockedOutAsync(user) ? "account locked"
            : null;
        if (refusal is not null)
        {
            _dummyHash ??= users.PasswordHasher.HashPassword(new IdentityUser(), Guid.NewGuid().ToString("N"));
            users.PasswordHasher.VerifyHashedPassword(new IdentityUser(), _dummyHash, Password);
            return await FailAsync(user, refusal);
        }
        var result = await signIn.PasswordSignInAsync(user!, Password, RememberMe, lockoutOnFailure: false);
        if (result.Succeeded)
        {
            await lockout.SucceededAsync(user!.Id, address);
            await audit.RecordAsync(AuditRow.Of(AuditCategories.SignIn, AuditEvents.SignedIn, new ContentUser(user.Id, user.UserName) { Address = ClientAddress.Of(HttpContext) }));
            return LocalRedirect(Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/");
        }
        if (result.IsNotAllowed)
        {
            return await FailAsync(user, "sign-in not allowed for this account");
        }
        var minutes = Math.Max(1, security.Value.LockoutMinutes);
        if (await lockout.FailedAsync(user!.Id, address))
        {
            await users.SetLockoutEndDateAsync(user, clock.GetUtcNow().AddMinutes(minutes));
            return await FailAsync(user, $"wrong password; account locked for {minutes} minutes");
        }
        return await FailAsync(user, await lockout.IsLockedAsync(user.Id, address) ? $"wrong password; address locked out for {minutes} minutes" : "wrong password");
    }

    // A known user by their own name and id; an unknown name is not kept, as it may be a password typed in the wrong box.
    private async Task<PageResult> FailAsync(IdentityUser? user, string reason)
    {
        await audit.RecordAsync(AuditRow.Of(AuditCategories.SignIn, AuditEvents.SignInFailed,
            new ContentUser(user?.Id, user?.UserName) { Address = ClientAddress.Of(HttpContext) }, reason), HttpContext.RequestAborted);
        return Fail();
    }

    private PageResult Fail()
    {
        Error = Failed;
        Password = "";
        return Page();
    }
}
