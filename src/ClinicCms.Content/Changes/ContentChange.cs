namespace ClinicCms.Content.Changes;

/// <summary>What a committed change did. The first kinds concern one item version; the last ones a whole site document.</summary>
public enum ChangeKind
{
    Created,
    DraftSaved,
    Published,
    Unpublished,
    DraftDiscarded,
    Deleted,
    Restored,
    Imported,

    /// <summary>A draft's review state changed (requested, approved, changes requested); its content did not.</summary>
    Reviewed,

    /// <summary>A version's publish or archive time was set, changed or cancelled; its content did not change.</summary>
    Scheduled,

    /// <summary>
    /// The content definitions changed: the type named was added, changed or removed, or, when none is named, any
    /// type may have changed shape.
    /// </summary>
    Definitions,

    /// <summary>A role or its permissions changed.</summary>
    Roles,

    /// <summary>An API client was disabled, enabled, deleted or given other roles.</summary>
    Access,

    /// <summary>The site settings document changed (a recipe's Settings step).</summary>
    Settings,

    /// <summary>The webhooks (their subscriptions) changed.</summary>
    Webhooks,

    /// <summary>A media file was written, moved or deleted; <see cref="ContentChange.MediaPath"/> names it.</summary>
    Media,
}

/// <summary>
/// One committed change, announced by the store after its transaction commits. An item change names the item,
/// the version written, its type and whether the item was published before and after; a site change carries
/// only its kind, except a definitions change, which names the type it touched. An item change may leave the item
/// and version out when many items of a type changed at once.
/// </summary>
public sealed record ContentChange(
    ChangeKind Kind,
    string? ContentItemId = null,
    string? ContentItemVersionId = null,
    string? ContentType = null,
    bool WasPublished = false,
    bool IsPublished = false,
    string? MediaPath = null)
{
    public static readonly ContentChange Definitions = new(ChangeKind.Definitions);
    public static readonly ContentChange Roles = new(ChangeKind.Roles);
    public static readonly ContentChange Access = new(ChangeKind.Access);
    public static readonly ContentChange Settings = new(ChangeKind.Settings);
    public static readonly ContentChange Webhooks = new(ChangeKind.Webhooks);

    /// <summary>A media file at <paramref name="path"/> (in the media library) was written, moved or deleted.</summary>
    public static ContentChange Media(string path) => new(ChangeKind.Media, MediaPath: path);

    /// <summary>A definitions change that added, changed or removed <paramref name="contentType"/>.</summary>
    public static ContentChange DefinitionsOf(string contentType) => new(ChangeKind.Definitions, ContentType: contentType);

    /// <summary>True for a change of content items (as opposed to definitions, roles, access or settings).</summary>
    public bool IsItemChange => Kind is ChangeKind.Created or ChangeKind.DraftSaved or ChangeKind.Published or ChangeKind.Unpublished
        or ChangeKind.DraftDiscarded or ChangeKind.Deleted or ChangeKind.Restored or ChangeKind.Imported or ChangeKind.Reviewed
        or ChangeKind.Scheduled;

    /// <summary>True when the published view of the item may differ: it was or is published.</summary>
    public bool TouchesPublished => WasPublished || IsPublished;
}
