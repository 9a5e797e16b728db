using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Audit;

/// <summary>
/// One recorded event: who did what, when, from which address, to which item and version. Written in the transaction of
/// the change it records (see <see cref="AuditBeforeCommit"/>). Never holds content bodies, passwords or secrets.
/// </summary>
public sealed class AuditRow
{
    public const int MaxDetail = 500;
    public const int MaxUserName = 100;
    public const int MaxId = 64;
    public const int MaxContentType = 128;

    public long Id { get; set; }

    /// <summary>When the change was written, UTC, from the app's clock.</summary>
    public DateTime Utc { get; set; }

    /// <summary>One of <see cref="AuditCategories"/>.</summary>
    public string Category { get; set; } = "";

    /// <summary>One of <see cref="AuditEvents"/>.</summary>
    public string Event { get; set; } = "";

    public string? UserId { get; set; }
    public string? UserName { get; set; }

    /// <summary>The client's address (behind a trusted proxy, the one it forwarded).</summary>
    public string? Address { get; set; }

    public string? ContentItemId { get; set; }
    public string? ContentItemVersionId { get; set; }
    public string? ContentType { get; set; }

    /// <summary>A short note (a review comment, a role's permission count, a recipe's name); plain text.</summary>
    public string? Detail { get; set; }

    /// <summary>A row of <paramref name="category"/> and <paramref name="auditEvent"/> done by <paramref name="by"/> (null: the request's user, if any).</summary>
    public static AuditRow Of(string category, string auditEvent, ContentUser? by = null, string? detail = null) => new()
    {
        Category = category,
        Event = auditEvent,
        UserId = by?.Id,
        UserName = Shorten(by?.Name, MaxUserName),
        Address = by?.Address,
        Detail = Shorten(detail, MaxDetail),
    };

    /// <summary>
    /// Cuts every value to its column: a client id or a type name may be longer than the trail keeps, and a write must
    /// never fail for its audit row (PostgreSQL refuses a value longer than its column).
    /// </summary>
    public void FitColumns()
    {
        UserId = Shorten(UserId, MaxId);
        UserName = Shorten(UserName, MaxUserName);
        Address = Shorten(Address, MaxId);
        ContentItemId = Shorten(ContentItemId, MaxId);
        ContentItemVersionId = Shorten(ContentItemVersionId, MaxId);
        ContentType = Shorten(ContentType, MaxContentType);
        Detail = Shorten(Detail, MaxDetail);
    }

    /// <summary>Cuts <paramref name="text"/> to <paramref name="max"/> characters and drops control characters and direction overrides.</summary>
    public static string? Shorten(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }
        var clean = new System.Text.StringBuilder(Math.Min(text.Length, max));
        foreach (var rune in text.EnumerateRunes())
        {
            if (clean.Length + rune.Utf16SequenceLength > max)
            {
                break;
            }
            if (!System.Text.Rune.IsControl(rune) && !(rune.Value is (>= 0x202A and <= 0x202E) or (>= 0x2066 and <= 0x2069)))
            {
                clean.Append(rune.ToString());
            }
        }
        return clean.ToString();
    }
}
