using ClinicCms.Content.Changes;

namespace ClinicCms.Content.Webhooks;

/// <summary>The events a webhook may listen to, and which event a committed change is.</summary>
public static class WebhookEvents
{
    public const string ContentPublished = "content.published";
    public const string ContentUnpublished = "content.unpublished";
    public const string ContentDeleted = "content.deleted";
    public const string ContentDraftSaved = "content.draft_saved";
    public const string ContentTypeChanged = "contenttype.changed";
    public const string MediaChanged = "media.changed";

    public static readonly IReadOnlyList<string> All =
        [ContentPublished, ContentUnpublished, ContentDeleted, ContentDraftSaved, ContentTypeChanged, MediaChanged];

    public static bool IsKnown(string name) => All.Contains(name, StringComparer.Ordinal);

    /// <summary>
    /// The event of <paramref name="change"/>, or null when frontends have nothing to refresh (a review step, a schedule,
    /// a discarded draft, roles, access, settings, a definitions save that touched no type). A version created or imported published is a publish.
    /// </summary>
    public static string? Of(ContentChange change) => change.Kind switch
    {
        ChangeKind.Published => ContentPublished,
        ChangeKind.Unpublished => ContentUnpublished,
        ChangeKind.Deleted => ContentDeleted,
        ChangeKind.DraftSaved or ChangeKind.Restored => ContentDraftSaved,
        ChangeKind.Created or ChangeKind.Imported => change.IsPublished ? ContentPublished : ContentDraftSaved,
        ChangeKind.Definitions when change.ContentType is not null => ContentTypeChanged,
        ChangeKind.Media => MediaChanged,
        _ => null,
    };
}
