using System.Text.Json.Nodes;
using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Versions;

/// <summary>
/// The version rules, in one place, for every writer (the admin, the REST API, recipe imports, background jobs):
/// which version becomes latest or published, how the versions it replaces are demoted, and which timestamps,
/// owner and author a new version gets. Each rule changes the given versions in memory and returns the change to
/// announce; the writer loads the versions, validates, saves and commits. As in Orchard's DefaultContentManager,
/// old versions are kept as history: a demoted version only loses its Latest or Published flag.
/// </summary>
public static class VersionTransitions
{
    /// <summary>A new item: its first version is the latest, and published if asked; the creating user owns it.</summary>
    public static ContentChange Create(ContentItem item, bool publish, ContentUser user, DateTime now)
    {
        item.ContentItemVersionId = IdGenerator.NewId();
        item.Latest = true;
        item.Published = publish;
        item.CreatedUtc ??= now;
        item.ModifiedUtc = now;
        item.PublishedUtc = publish ? now : null;
        item.Owner ??= user.Id;
        item.Author ??= user.Name;
        return Change(ChangeKind.Created, item, wasPublished: false);
    }

    /// <summary>
    /// An edit of the latest version becomes the draft: a new version when the latest is published (and the type is
    /// versionable), else the latest version in place. The published version keeps its content.
    /// </summary>
    /// <param name="hasPublished">Whether the item has a published version (the latest or an older one).</param>
    /// <returns>Whether the draft is a new version, so <paramref name="latest"/> was demoted (save that first).</returns>
    public static (bool NewVersion, ContentChange Change) SaveDraft(
        ContentItemVersionRow latest, ContentItem draft, bool versionable, bool hasPublished, ContentUser user, DateTime now)
    {
        draft.ContentType = latest.ContentType;
        draft.CreatedUtc = latest.CreatedUtc;
        draft.PublishedUtc = latest.PublishedUtc;
        draft.Owner ??= latest.Owner;
        draft.Author = user.Name ?? latest.Author;
        draft.ModifiedUtc = now;
        draft.Latest = true;
        draft.Published = false;
        var newVersion = latest.Published && versionable;
        if (newVersion)
        {
            draft.ContentItemVersionId = IdGenerator.NewId();
            Demote(latest, latest: true, published: false);
        }
        else
        {
            draft.ContentItemVersionId = latest.ContentItemVersionId;
        }
        return (newVersion, new ContentChange(ChangeKind.DraftSaved, draft.ContentItemId, draft.ContentItemVersionId, draft.ContentType, hasPublished, hasPublished));
    }

    /// <summary>
    /// The latest version becomes the published one; the previously published version is kept as history. Save the
    /// demoted <paramref name="published"/> before writing <paramref name="latest"/> (one published version at every statement).
    /// </summary>
    public static ContentChange Publish(ContentItem latest, ContentItemVersionRow? published, ContentUser user, DateTime now)
    {
        if (published is not null)
        {
            Demote(published, latest: false, published: true);
        }
        latest.Published = true;
        latest.PublishedUtc = now;
        latest.CreatedUtc ??= now;
        // The scheduler carries out what an editor decided: the version stays theirs (the audit trail names the scheduler).
        latest.Author = ReferenceEquals(user, ContentService.Scheduler) ? latest.Author : user.Name ?? latest.Author;
        Scheduling.ScheduleParts.Published(latest);
        if (Scheduling.ScheduleParts.ArchiveUtc(latest) <= now)
        {
            Scheduling.ScheduleParts.SetArchive(latest, null); // an archive that fired already (on the version this one replaces) is done
        }
        return Change(ChangeKind.Published, latest, wasPublished: published is not null);
    }

    /// <summary>The published version is taken off the frontends; it stays (as a draft when it was the latest).</summary>
    public static ContentChange Unpublish(ContentItem published, DateTime now)
    {
        published.Published = false;
        published.PublishedUtc = null;
        published.ModifiedUtc = now;
        Scheduling.ScheduleParts.Unpublished(published);
        return Change(ChangeKind.Unpublished, published, wasPublished: true);
    }

    /// <summary>The draft is kept as history; save this before <see cref="DraftDiscarded"/> (one latest version at every statement).</summary>
    public static void DiscardDraft(ContentItemVersionRow draft) => Demote(draft, latest: true, published: false);

    /// <summary>After <see cref="DiscardDraft"/>: the published version, if any, becomes the latest again.</summary>
    public static ContentChange DraftDiscarded(ContentItemVersionRow draft, ContentItemVersionRow? published)
    {
        if (published is not null)
        {
            published.Latest = true;
            published.ConcurrencyStamp = NewStamp();
        }
        return Change(ChangeKind.DraftDiscarded, published ?? draft, wasPublished: published is not null, isPublished: published is not null);
    }

    /// <summary>Soft delete, as Orchard's RemoveAsync: no version stays published or latest; history is kept.</summary>
    public static ContentChange Delete(IReadOnlyList<ContentItemVersionRow> active)
    {
        var wasPublished = active.Any(r => r.Published);
        foreach (var record in active)
        {
            Demote(record, latest: true, published: true);
        }
        return Change(ChangeKind.Deleted, active[0], wasPublished, isPublished: false);
    }

    /// <summary>An old version's content becomes a new draft, demoting the latest (save that first); the published version stays published.</summary>
    public static ContentChange Restore(ContentItem draft, ContentItemVersionRow? latest, bool hasPublished, ContentUser user, DateTime now)
    {
        draft.ContentItemVersionId = IdGenerator.NewId();
        draft.Latest = true;
        draft.Published = false;
        draft.ModifiedUtc = now;
        draft.Author = user.Name ?? draft.Author;
        Scheduling.ScheduleParts.Unschedule(draft); // its schedule was decided for that version, by whoever could then
        var review = ReviewRecord.Of(draft); // an old version's approval was of that version, not of this new draft
        (review == ReviewRecord.None ? review : review with { State = ReviewState.Draft }).WriteTo(draft);
        if (latest is not null)
        {
            Demote(latest, latest: true, published: false);
        }
        return new ContentChange(ChangeKind.Restored, draft.ContentItemId, draft.ContentItemVersionId, draft.ContentType, hasPublished, hasPublished);
    }

    /// <summary>A new item with the source's data, to be created as a draft: no dates, owned by the cloning user; a generated path is generated anew.</summary>
    public static ContentItem Clone(ContentItem source, ContentUser user)
    {
        var clone = source.Clone();
        clone.ContentItemId = IdGenerator.NewId();
        clone.CreatedUtc = null;
        clone.PublishedUtc = null;
        clone.Owner = user.Id ?? source.Owner;
        clone.Author = user.Name ?? source.Author;
        clone.Parts.Remove(ReviewRecord.PartName); // a new item starts unreviewed
        clone.Parts.Remove(PartNames.MedicalReviewPart);
        Scheduling.ScheduleParts.Unschedule(clone); // and unscheduled: its schedule was the source's, approved or not
        foreach (var (_, part) in clone.Parts)
        {
            // A path is unique to one item: the clone gets one from the pattern.
            if (part is System.Text.Json.Nodes.JsonObject o && o.ContainsKey("Path") && o.ContainsKey("SetHomepage"))
            {
                o["Path"] = null;
            }
        }
        return clone;
    }

    /// <summary>
    /// An imported version with a new version id (Orchard's ImportAsync): the recipe's flags and dates are kept, missing
    /// dates are now, an empty owner or author is the importing user. A latest or published version demotes the item's
    /// active versions; a published one demotes all of them, the draft too, as Orchard does.
    /// </summary>
    /// <param name="active">The item's stored versions that are latest or published.</param>
    public static ContentChange ImportNew(ContentItem item, IEnumerable<ContentItemVersionRow> active, ContentUser user, DateTime now)
    {
        if (item.ContentItemVersionId.Length == 0)
        {
            item.ContentItemVersionId = IdGenerator.NewId();
        }
        var wasPublished = false;
        foreach (var record in active)
        {
            wasPublished |= record.Published;
            if (item.Published)
            {
                Demote(record, latest: true, published: true);
            }
            else if (item.Latest)
            {
                Demote(record, latest: true, published: false);
            }
        }
        item.CreatedUtc ??= now;
        item.ModifiedUtc ??= now;
        if (item.Published)
        {
            item.PublishedUtc ??= now;
        }
        item.Owner = string.IsNullOrEmpty(item.Owner) ? user.Id : item.Owner;
        item.Author = string.IsNullOrEmpty(item.Author) ? user.Name : item.Author;
        return Change(ChangeKind.Imported, item, wasPublished);
    }

    /// <summary>
    /// An imported version that is stored already and differs: it takes the recipe's flags, demoting the versions whose
    /// flag it takes, and is marked modified now unless the recipe gave a new date.
    /// </summary>
    /// <param name="others">The item's other stored versions that are latest or published.</param>
    public static ContentChange ImportUpdate(ContentItemVersionRow stored, ContentItem item, IEnumerable<ContentItemVersionRow> others, DateTime now)
    {
        var becomesLatest = item.Latest && !stored.Latest;
        var becomesPublished = item.Published && !stored.Published;
        var wasPublished = stored.Published;
        foreach (var record in others)
        {
            wasPublished |= record.Published;
            if ((becomesLatest && record.Latest) || (becomesPublished && record.Published))
            {
                Demote(record, latest: becomesLatest, published: becomesPublished);
            }
        }
        if (item.ModifiedUtc == stored.ModifiedUtc)
        {
            item.ModifiedUtc = now;
        }
        return Change(ChangeKind.Imported, item, wasPublished);
    }

    /// <summary>
    /// A review step on the draft (the latest, unpublished version): the author requests a review of a draft or of one
    /// with changes requested; a reviewer approves it or requests changes (with a comment) while it is in review. Only the
    /// review record changes, not the content; an approval also writes the medical review when the type has one.
    /// Returns why the step is refused, or null with the change to announce.
    /// </summary>
    public static (string? Refused, ContentChange? Change) Review(ContentItem draft, ReviewAction action, string? comment, ContentUser user, DateTime now, MedicalApproval? medical = null)
    {
        var current = ReviewRecord.Of(draft);
        comment = string.IsNullOrWhiteSpace(comment) ? null : comment.Trim();
        ReviewRecord next;
        switch (action)
        {
            case ReviewAction.Request when current.State is ReviewState.InReview or ReviewState.Approved:
                return ($"the draft is {Describe(current.State)} already", null);
            case ReviewAction.Request:
                next = current with { State = ReviewState.InReview, RequestedBy = user.Name, RequestedUtc = now, RequestComment = comment };
                break;
            case ReviewAction.Approve or ReviewAction.RequestChanges when !user.CanReview:
                return ("only a reviewer (ReviewContent) may approve a draft or request changes", null);
            case ReviewAction.Approve or ReviewAction.RequestChanges when current.State != ReviewState.InReview:
                return ($"the draft is not in review: it is {Describe(current.State)}", null);
            case ReviewAction.RequestChanges when comment is null:
                return ("a comment saying what should change is required", null);
            default:
                var state = action == ReviewAction.Approve ? ReviewState.Approved : ReviewState.ChangesRequested;
                next = current with { State = state, ReviewedBy = user.Name, ReviewedUtc = now, Comment = comment };
                if (state == ReviewState.Approved)
                {
                    medical?.WriteTo(draft, now);
                }
                break;
        }
        next.WriteTo(draft);
        return (null, new ContentChange(ChangeKind.Reviewed, draft.ContentItemId, draft.ContentItemVersionId, draft.ContentType, false, false));
    }

    /// <summary>
    /// The review a saved version keeps: the stored one when its content did not change, else the stored one sent back to
    /// draft (the comment and who reviewed stay, for the author to read). The medical review stays as stored until the next
    /// approval. Whatever review or medical review the edit itself carried is ignored.
    /// </summary>
    /// <param name="stored">The version the edit replaces (its parts as stored), or null for a new item.</param>
    public static void KeepReview(ContentItem edit, ContentItem? stored)
    {
        var kept = stored is null ? ReviewRecord.None : ReviewRecord.Of(stored);
        if (kept.State != ReviewState.Draft && !SameContent(edit, stored!))
        {
            kept = kept with { State = ReviewState.Draft };
        }
        kept.WriteTo(edit);
        if (stored?.Parts[PartNames.MedicalReviewPart] is { } medical)
        {
            edit.Parts[PartNames.MedicalReviewPart] = medical.DeepClone();
        }
        else
        {
            edit.Parts.Remove(PartNames.MedicalReviewPart);
        }
    }

    /// <summary>
    /// Publishing a type that requires review needs an approved draft; a publisher who may review approves it by
    /// publishing (the approval is recorded as theirs). Returns why the publish is refused, or null.
    /// </summary>
    public static string? CheckApproval(ContentItem draft, ContentTypeDefinition? type, ContentUser user, DateTime now, MedicalApproval? medical = null)
    {
        if (type?.TypeSettings.RequiresReview != true)
        {
            return null;
        }
        var review = ReviewRecord.Of(draft);
        if (review.State == ReviewState.Approved)
        {
            return null;
        }
        if (!user.CanReview)
        {
            return $"publishing this {type.DisplayName ?? type.Name} needs an approved review, and this draft is {Describe(review.State)}: request a review and wait for a reviewer's approval";
        }
        (review with { State = ReviewState.Approved, ReviewedBy = user.Name, ReviewedUtc = now }).WriteTo(draft);
        medical?.WriteTo(draft, now);
        return null;
    }

    // Same content whether a field is missing or empty (a REST body leaves out what the admin's form posts empty).
    private static bool SameContent(ContentItem edit, ContentItem stored) =>
        edit.DisplayText == stored.DisplayText && JsonNode.DeepEquals(Meaningful(edit.Parts, top: true), Meaningful(stored.Parts, top: true));

    private static JsonNode? Meaningful(JsonNode? node, bool top = false)
    {
        switch (node)
        {
            case JsonObject o:
                var kept = new JsonObject();
                foreach (var (name, value) in o)
                {
                    // Reviews and schedules are not content: scheduling an approved draft leaves it approved.
                    if (!(top && (name is ReviewRecord.PartName or PartNames.MedicalReviewPart || Scheduling.ScheduleParts.IsSchedulePart(name))) && Meaningful(value) is { } v)
                    {
                        kept[name] = v;
                    }
                }
                return kept.Count == 0 ? null : kept;
            case JsonArray a:
                return a.Count == 0 ? null : a.DeepClone();
            case JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String && v.GetValue<string>().Length == 0:
                return null;
            default:
                return node?.DeepClone();
        }
    }

    private static string Describe(ReviewState state) => state switch
    {
        ReviewState.InReview => "in review",
        ReviewState.ChangesRequested => "sent back with changes requested",
        ReviewState.Approved => "approved",
        _ => "a draft not yet sent for review",
    };

    /// <summary>Clears the version's Latest and/or Published flag; a new stamp makes an edit based on it a conflict.</summary>
    public static void Demote(ContentItemVersionRow record, bool latest, bool published)
    {
        if (latest)
        {
            record.Latest = false;
        }
        if (published)
        {
            record.Published = false;
        }
        if (!record.Published)
        {
            record.ScheduledUtc = null; // history is never due; a version still published keeps its archive time
        }
        record.ConcurrencyStamp = NewStamp();
    }

    private static ContentChange Change(ChangeKind kind, ContentItem item, bool wasPublished) =>
        new(kind, item.ContentItemId, item.ContentItemVersionId, item.ContentType, wasPublished, item.Published);

    private static ContentChange Change(ChangeKind kind, ContentItemVersionRow record, bool wasPublished, bool isPublished) =>
        new(kind, record.ContentItemId, record.ContentItemVersionId, record.ContentType, wasPublished, isPublished);

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
