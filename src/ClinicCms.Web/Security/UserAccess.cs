using Microsoft.AspNetCore.Identity;

namespace ClinicCms.Web.Security;

/// <summary>
/// An administrator disables an account by locking it for good (Orchard's IsEnabled = false); a lockout after failed
/// sign-ins ends within minutes, so anything beyond fifty years away is taken as disabled.
/// </summary>
public static class UserAccess
{
    public static readonly DateTimeOffset DisabledUntil = DateTimeOffset.MaxValue;

    public static bool IsDisabled(IdentityUser user) => IsDisabled(user.LockoutEnd);

    public static bool IsDisabled(DateTimeOffset? lockoutEnd) => lockoutEnd is { } end && end > DateTimeOffset.UtcNow.AddYears(50);
}
