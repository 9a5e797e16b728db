using System.Security.Claims;
using ClinicCms.Content.Security;
using Microsoft.AspNetCore.Identity;

namespace ClinicCms.Web.Security;

/// <summary>Reads and writes a user's profile (display name, credentials), kept as the user's claims.</summary>
public static class UserProfiles
{
    public static async Task<(string? DisplayName, string? Credentials)> GetAsync(UserManager<IdentityUser> users, IdentityUser user)
    {
        var claims = await users.GetClaimsAsync(user);
        return (claims.FirstOrDefault(c => c.Type == UserProfile.DisplayNameClaim)?.Value, claims.FirstOrDefault(c => c.Type == UserProfile.CredentialsClaim)?.Value);
    }

    /// <summary>Why a profile would be refused, naming the value; null when it may be stored.</summary>
    public static string? Refusal(string? displayName, string? credentials) =>
        UserProfile.Check(displayName) is { } nameError ? $"Display name: {nameError}."
        : UserProfile.Check(credentials) is { } credentialsError ? $"Credentials: {credentialsError}."
        : null;

    /// <summary>Stores the profile (empty values remove a claim); why it was refused, or null.</summary>
    public static async Task<string?> SetAsync(UserManager<IdentityUser> users, IdentityUser user, string? displayName, string? credentials)
    {
        if (Refusal(displayName, credentials) is { } refused)
        {
            return refused;
        }
        var claims = await users.GetClaimsAsync(user);
        foreach (var (type, value) in new[] { (UserProfile.DisplayNameClaim, displayName), (UserProfile.CredentialsClaim, credentials) })
        {
            var stored = claims.Where(c => c.Type == type).ToList();
            var wanted = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
            if (stored.Count == 1 && stored[0].Value == wanted)
            {
                continue;
            }
            var result = stored.Count == 0 ? IdentityResult.Success : await users.RemoveClaimsAsync(user, stored);
            result = result.Succeeded && wanted is not null ? await users.AddClaimAsync(user, new Claim(type, wanted)) : result;
            if (!result.Succeeded)
            {
                return string.Join(" ", result.Errors.Select(e => e.Description));
            }
        }
        return null;
    }
}
