using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;
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
        latest.Author = user.Name ?? latest.Author;
        return Change(ChangeKind.Published, latest, wasPublished: published is not null);
    }

    /// <summary>The published version is taken off the frontends; it stays (as a draft when it was the latest).</summary>
    public static ContentChange Unpublish(ContentItem published, DateTime now)
    {
        published.Published = false;
        published.PublishedUtc = null;
        published.ModifiedUtc = now;
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
        record.ConcurrencyStamp = NewStamp();
    }

    private static ContentChange Change(ChangeKind kind, ContentItem item, bool wasPublished) =>
        new(kind, item.ContentItemId, item.ContentItemVersionId, item.ContentType, wasPublished, item.Published);

    private static ContentChange Change(ChangeKind kind, ContentItemVersionRow record, bool wasPublished, bool isPublished) =>
        new(kind, record.ContentItemId, record.ContentItemVersionId, record.ContentType, wasPublished, isPublished);

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
