using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Validation;

namespace ClinicCms.Content.Versions;

/// <summary>
/// The outcome of a write. On failure nothing was saved: <see cref="Errors"/> lists every problem with its path,
/// <see cref="IsRefused"/> says a rule the caller's rights do not lift refused it (publishing without an approved review),
/// <see cref="IsConflict"/> says it clashes with what the store holds (another item's culture slot, or, with
/// <see cref="IsStale"/>, a version someone else has changed since the caller read it).
/// </summary>
public sealed record ContentSaveResult(ContentItem? Item, IReadOnlyList<ContentError> Errors, bool IsConflict = false, bool IsNotFound = false, bool IsRefused = false,
    bool IsStale = false)
{
    public bool Succeeded => Errors.Count == 0;

    public static ContentSaveResult Success(ContentItem item) => new(item, []);

    public static ContentSaveResult Invalid(IReadOnlyList<ContentError> errors) => new(null, errors);

    public static ContentSaveResult NotFound(string contentItemId) =>
        new(null, [new ContentError("ContentItemId", $"no content item '{contentItemId}'")], IsNotFound: true);

    public static ContentSaveResult Refused(string message) => new(null, [new ContentError("", message)], IsRefused: true);

    public static ContentSaveResult Conflict(string message) => new(null, [new ContentError("", message)], IsConflict: true);

    public static ContentSaveResult Stale(string message) => new(null, [new ContentError("", message)], IsConflict: true, IsStale: true);
}
