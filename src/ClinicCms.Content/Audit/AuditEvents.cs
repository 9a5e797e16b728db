using ClinicCms.Content.Changes;
using ClinicCms.Content.Versions;

namespace ClinicCms.Content.Audit;

/// <summary>
/// Event names, after Orchard's AuditTrail events (Created, Saved, Published, Unpublished, Removed, Restored; user
/// LoggedIn, LogInFailed; role and content type updates), written in lower case, and sign-outs.
/// </summary>
public static class AuditEvents
{
    public const string Created = "created";
    public const string Saved = "saved";
    public const string Published = "published";
    public const string Unpublished = "unpublished";
    public const string Discarded = "discarded";
    public const string Deleted = "deleted";
    public const string Restored = "restored";
    public const string Imported = "imported";
    public const string ReviewRequested = "review-requested";
    public const string ReviewApproved = "review-approved";
    public const string ChangesRequested = "changes-requested";
    public const string Scheduled = "scheduled";
    public const string TypeChanged = "type-changed";
    public const string RoleChanged = "role-changed";
    public const string UserCreated = "user-created";
    public const string UserChanged = "user-changed";
    public const string UserDeleted = "user-deleted";
    public const string ClientCreated = "client-created";
    public const string ClientChanged = "client-changed";
    public const string ClientDeleted = "client-deleted";
    public const string SignedIn = "signed-in";
    public const string SignInFailed = "sign-in-failed";
    public const string SignedOut = "signed-out";
    public const string RecipeRun = "recipe-run";
    public const string SettingsChanged = "settings-changed";
    public const string PreviewTokenIssued = "preview-token-issued";
    public const string WebhookChanged = "webhook-changed";
    public const string MediaUploaded = "media-uploaded";
    public const string MediaMoved = "media-moved";
    public const string MediaDeleted = "media-deleted";

    public static readonly IReadOnlyList<string> All =
    [
        Created, Saved, Published, Unpublished, Discarded, Deleted, Restored, Imported, ReviewRequested, ReviewApproved, ChangesRequested,
        Scheduled, TypeChanged, RoleChanged, UserCreated, UserChanged, UserDeleted, ClientCreated, ClientChanged, ClientDeleted,
        SignedIn, SignInFailed, SignedOut, RecipeRun, SettingsChanged, PreviewTokenIssued, WebhookChanged, MediaUploaded, MediaMoved, MediaDeleted,
    ];

    public static string Of(ReviewAction action) => action switch
    {
        ReviewAction.Request => ReviewRequested,
        ReviewAction.Approve => ReviewApproved,
        ReviewAction.RequestChanges => ChangesRequested,
        _ => "reviewed",
    };

    /// <summary>
    /// The row that records a committed change, or null for an imported item: a recipe run records one row for all
    /// its items (<see cref="RecipeRun"/>), so a 10,000-item import does not write 10,000 rows.
    /// </summary>
    public static AuditRow? RowOf(ContentChange change, ContentItems.ContentUser? by, string? auditEvent, string? detail)
    {
        var (category, name) = change.Kind switch
        {
            ChangeKind.Imported => (null, null),
            ChangeKind.Media => (null, null), // MediaChanges records one row per operation, naming its paths
            ChangeKind.Webhooks => (null, null), // the webhook store records its own row, naming the webhook
            ChangeKind.Created => (AuditCategories.Content, Created),
            ChangeKind.DraftSaved => (AuditCategories.Content, Saved),
            ChangeKind.Published => (AuditCategories.Content, Published),
            ChangeKind.Unpublished => (AuditCategories.Content, Unpublished),
            ChangeKind.DraftDiscarded => (AuditCategories.Content, Discarded),
            ChangeKind.Deleted => (AuditCategories.Content, Deleted),
            ChangeKind.Restored => (AuditCategories.Content, Restored),
            ChangeKind.Reviewed => (AuditCategories.Content, "reviewed"),
            ChangeKind.Definitions => (AuditCategories.Type, TypeChanged),
            ChangeKind.Roles => (AuditCategories.Role, RoleChanged),
            ChangeKind.Access => (AuditCategories.Client, ClientChanged),
            ChangeKind.Settings => (AuditCategories.Site, SettingsChanged),
            _ => (change.IsItemChange ? AuditCategories.Content : AuditCategories.Site, change.Kind.ToString().ToLowerInvariant()),
        };
        if (category is null)
        {
            return null;
        }
        var row = AuditRow.Of(category, auditEvent ?? name!, by, detail ?? (change.Kind == ChangeKind.Created && change.IsPublished ? "published" : null));
        row.ContentItemId = change.ContentItemId;
        row.ContentItemVersionId = change.ContentItemVersionId;
        row.ContentType = change.ContentType;
        return row;
    }
}
