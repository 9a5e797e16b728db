namespace ClinicCms.Content.Audit;

/// <summary>What the audit page asks for; every part is optional. Dates are UTC days, both ends included.</summary>
public sealed record AuditFilter(
    string? Category = null,
    string? Event = null,
    string? User = null,
    string? ContentItemId = null,
    DateOnly? From = null,
    DateOnly? To = null);

/// <summary>
/// What a reader may see: rows of <paramref name="Categories"/>, and content rows only of <paramref name="ContentTypes"/>
/// (null: every type). Decided by the host from the reader's permissions.
/// </summary>
public sealed record AuditScope(IReadOnlyCollection<string> Categories, IReadOnlyCollection<string>? ContentTypes);

/// <summary>One page of rows, newest first, and whether an older page follows.</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Rows, bool HasMore);
