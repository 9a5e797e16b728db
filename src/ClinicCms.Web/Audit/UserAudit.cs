using ClinicCms.Content.Audit;
using Microsoft.AspNetCore.Identity;

namespace ClinicCms.Web.Audit;

/// <summary>The audit row of a change to a user account: which account, its roles, and what else changed (never a password).</summary>
public static class UserAudit
{
    public static AuditRow Row(string auditEvent, IdentityUser account, IEnumerable<string>? roles, string? note = null)
    {
        var parts = new List<string> { $"user {account.UserName}" };
        if (roles is not null)
        {
            parts.Add($"roles: {string.Join(", ", roles)}");
        }
        if (note is not null)
        {
            parts.Add(note);
        }
        return AuditRow.Of(AuditCategories.User, auditEvent, detail: string.Join("; ", parts));
    }
}
