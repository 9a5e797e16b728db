using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Handlers;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Versions;

/// <summary>
/// The one write path for single items, with Orchard's version operations (create, save draft, publish,
/// unpublish, discard draft, delete, clone, restore). Each runs in one transaction, or joins the caller's.
/// Saving a draft never changes the published version's content; old versions are kept.
/// </summary>
public sealed class ContentService(
    ClinicCmsDbContext db,
    ContentDefinitionStore definitions,
    ContentItemPreparer preparer,
    PickerTargetValidator pickers,
    ContentFieldKinds fieldKinds,
    ContentChangeSignal changes,
    TimeProvider clock)
{
    public static ContentItem New(string contentType) => new() { ContentItemId = IdGenerator.NewId(), ContentType = contentType };

    public async Task<ContentItem?> GetAsync(string contentItemId, VersionOptions options = VersionOptions.Published, CancellationToken cancellationToken = default)
    {
        var query = db.ContentItems.AsNoTracking().Where(r => r.ContentItemId == contentItemId);
        query = options == VersionOptions.Published ? query.Where(r => r.Published) : query.Where(r => r.Latest);
        var record = await query.FirstOrDefaultAsync(cancellationToken);
        return record is null ? null : ContentItemMapper.ToItem(record);
    }

    public async Task<ContentItem?> GetVersionAsync(string contentItemVersionId, CancellationToken cancellationToken = default)
    {
        var record = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemVersionId == contentItemVersionId, cancellationToken);
        return record is null ? null : ContentItemMapper.ToItem(record);
    }

    /// <summary>Every version of an item, oldest first, deleted and archived ones included.</summary>
    public async Task<IReadOnlyList<ContentItem>> ListVersionsAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        var records = await db.ContentItems.AsNoTracking().Where(r => r.ContentItemId == contentItemId).OrderBy(r => r.Id).ToListAsync(cancellationToken);
        return records.ConvertAll(ContentItemMapper.ToItem);
    }

    /// <summary>Creates a new item, published or as a draft.</summary>
    public async Task<ContentSaveResult> CreateAsync(ContentItem item, bool publish, ContentUser user, CancellationToken cancellationToken = default)
    {
        var now = Now;
        item = item.Clone();
        if (string.IsNullOrEmpty(item.ContentItemId))
        {
            item.ContentItemId = IdGenerator.NewId();
        }
        if (await db.ContentItems.AnyAsync(r => r.ContentItemId == item.ContentItemId, cancellationToken))
        {
            return ContentSaveResult.Conflict($"a content item with the id '{item.ContentItemId}' exists already");
        }
        item.ContentItemVersionId = IdGenerator.NewId();
        item.Latest = true;
        item.Published = publish;
        item.CreatedUtc ??= now;
        item.ModifiedUtc = now;
        item.PublishedUtc = publish ? now : null;
        item.Owner ??= user.Id;
        item.Author ??= user.Name;

        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var defs = await definitions.GetAsync(cancellationToken);
        var errors = await CheckAsync(item, defs, cancellationToken);
        if (errors.Count > 0)
        {
            return ContentSaveResult.Invalid(errors);
        }
        db.ContentItems.Add(NewRecord(item, defs));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.ContentChanged();
        db.ChangeTracker.Clear();
        return ContentSaveResult.Success(item);
    }

    /// <summary>
    /// Saves an edit as the draft. The edit must be based on the item's latest version (same version id and
    /// stamp), else it is a conflict and nothing is written. Editing a published latest version starts a new draft.
    /// </summary>
    public async Task<ContentSaveResult> SaveDraftAsync(ContentItem edited, ContentUser user, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var latest = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == edited.ContentItemId && r.Latest, cancellationToken);
        if (latest is null)
        {
            return ContentSaveResult.NotFound(edited.ContentItemId);
        }
        if (latest.ContentItemVersionId != edited.ContentItemVersionId ||
            (edited.ConcurrencyStamp is not null && edited.ConcurrencyStamp != latest.ConcurrencyStamp))
        {
            return StaleEdit(latest);
        }
        var defs = await definitions.GetAsync(cancellationToken);
        var type = defs.FindType(latest.ContentType);
        var draft = edited.Clone();
        draft.ContentType = latest.ContentType;
        draft.CreatedUtc = latest.CreatedUtc;
        draft.PublishedUtc = latest.PublishedUtc;
        draft.Owner = edited.Owner ?? latest.Owner;
        draft.Author = user.Name ?? latest.Author;
        draft.ModifiedUtc = Now;
        draft.Latest = true;
        draft.Published = false;

        var newVersion = latest.Published && type?.TypeSettings.Versionable != false;
        if (newVersion)
        {
            draft.ContentItemVersionId = IdGenerator.NewId();
        }
        var errors = await CheckAsync(draft, defs, cancellationToken);
        if (errors.Count > 0)
        {
            return ContentSaveResult.Invalid(errors);
        }
        try
        {
            if (newVersion)
            {
                latest.Latest = false; // the published version stays as it is, apart from no longer being the latest
                await db.SaveChangesAsync(cancellationToken);
                db.ContentItems.Add(NewRecord(draft, defs));
            }
            else
            {
                ContentItemMapper.CopyTo(draft, latest);
                await ContentFieldIndexer.ReindexAsync(db, latest, draft, defs, fieldKinds, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return ContentSaveResult.Conflict("someone else saved this item at the same moment; reload it and apply your changes again");
        }
        await transaction.CommitAsync(cancellationToken);
        changes.ContentChanged();
        db.ChangeTracker.Clear();
        return ContentSaveResult.Success(draft);
    }

    /// <summary>Publishes the latest version; the previously published version is kept as history.</summary>
    public async Task<ContentSaveResult> PublishAsync(string contentItemId, ContentUser user, string? expectedStamp = null, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var latest = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Latest, cancellationToken);
        if (latest is null)
        {
            return ContentSaveResult.NotFound(contentItemId);
        }
        if (expectedStamp is not null && expectedStamp != latest.ConcurrencyStamp)
        {
            return StaleEdit(latest);
        }
        if (latest.Published)
        {
            return ContentSaveResult.Success(ContentItemMapper.ToItem(latest));
        }
        var draft = ContentItemMapper.ToItem(latest);
        var errors = await CheckAsync(draft, await definitions.GetAsync(cancellationToken), cancellationToken);
        if (errors.Count > 0)
        {
            return ContentSaveResult.Invalid(errors);
        }
        var published = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Published, cancellationToken);
        if (published is not null)
        {
            published.Published = false;
            published.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(cancellationToken);
        }
        var now = Now;
        draft.Published = true;
        draft.PublishedUtc = now;
        draft.CreatedUtc ??= now;
        draft.Author = user.Name ?? draft.Author;
        ContentItemMapper.CopyTo(draft, latest);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.ContentChanged();
        db.ChangeTracker.Clear();
        return ContentSaveResult.Success(draft);
    }

    /// <summary>Takes the item off the frontends; its latest version stays (as a draft if it was the published one).</summary>
    public Task<ContentSaveResult> UnpublishAsync(string contentItemId, CancellationToken cancellationToken = default) =>
        ChangeFlagsAsync(contentItemId, r => r.Published, (record, item) =>
        {
            item.Published = false;
            item.PublishedUtc = null;
            item.ModifiedUtc = Now;
        }, cancellationToken);

    /// <summary>Drops the draft: it is kept as history and the published version becomes the latest again.</summary>
    public async Task<ContentSaveResult> DiscardDraftAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var draft = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Latest, cancellationToken);
        if (draft is null)
        {
            return ContentSaveResult.NotFound(contentItemId);
        }
        if (draft.Published)
        {
            return ContentSaveResult.Invalid([new ContentError("", "the item has no draft to discard")]);
        }
        draft.Latest = false;
        draft.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        await db.SaveChangesAsync(cancellationToken);
        var published = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Published, cancellationToken);
        if (published is not null)
        {
            published.Latest = true;
            published.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(cancellationToken);
        }
        await transaction.CommitAsync(cancellationToken);
        changes.ContentChanged();
        db.ChangeTracker.Clear();
        return ContentSaveResult.Success(ContentItemMapper.ToItem(published ?? draft));
    }

    /// <summary>Soft delete, as Orchard's RemoveAsync: no version stays published or latest; history is kept.</summary>
    public async Task<ContentSaveResult> DeleteAsync(string contentItemId, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var active = await db.ContentItems.Where(r => r.ContentItemId == contentItemId && (r.Latest || r.Published)).ToListAsync(cancellationToken);
        if (active.Count == 0)
        {
            return ContentSaveResult.NotFound(contentItemId);
        }
        foreach (var record in active)
        {
            record.Latest = false;
            record.Published = false;
            record.ConcurrencyStamp = Guid.NewGuid().ToString("N");
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.ContentChanged();
        db.ChangeTracker.Clear();
        return ContentSaveResult.Success(ContentItemMapper.ToItem(active[0]));
    }

    /// <summary>A new item, created as a draft, with the latest version's data; a generated path is generated anew.</summary>
    public async Task<ContentSaveResult> CloneAsync(string contentItemId, ContentUser user, CancellationToken cancellationToken = default)
    {
        var source = await GetAsync(contentItemId, VersionOptions.Latest, cancellationToken);
        if (source is null)
        {
            return ContentSaveResult.NotFound(contentItemId);
        }
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
        return await CreateAsync(clone, publish: false, user, cancellationToken);
    }

    /// <summary>Makes an old version the new draft; the published version, if any, stays published.</summary>
    public async Task<ContentSaveResult> RestoreAsync(string contentItemId, string contentItemVersionId, ContentUser user, CancellationToken cancellationToken = default)
    {
        var old = await GetVersionAsync(contentItemVersionId, cancellationToken);
        if (old is null || old.ContentItemId != contentItemId)
        {
            return ContentSaveResult.NotFound(contentItemVersionId);
        }
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var latest = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Latest, cancellationToken);
        var draft = old.Clone();
        draft.ContentItemVersionId = IdGenerator.NewId();
        draft.Latest = true;
        draft.Published = false;
        draft.ModifiedUtc = Now;
        draft.Author = user.Name ?? draft.Author;
        var defs = await definitions.GetAsync(cancellationToken);
        var errors = await CheckAsync(draft, defs, cancellationToken);
        if (errors.Count > 0)
        {
            return ContentSaveResult.Invalid(errors);
        }
        if (latest is not null)
        {
            latest.Latest = false;
            latest.ConcurrencyStamp = Guid.NewGuid().ToString("N");
            await db.SaveChangesAsync(cancellationToken);
        }
        db.ContentItems.Add(NewRecord(draft, defs));
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.ContentChanged();
        db.ChangeTracker.Clear();
        return ContentSaveResult.Success(draft);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private async Task<ContentSaveResult> ChangeFlagsAsync(
        string contentItemId, System.Linq.Expressions.Expression<Func<ContentItemRecord, bool>> which,
        Action<ContentItemRecord, ContentItem> change, CancellationToken cancellationToken)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var record = await db.ContentItems.Where(r => r.ContentItemId == contentItemId).Where(which).FirstOrDefaultAsync(cancellationToken);
        if (record is null)
        {
            return ContentSaveResult.NotFound(contentItemId);
        }
        var item = ContentItemMapper.ToItem(record);
        change(record, item);
        ContentItemMapper.CopyTo(item, record);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        changes.ContentChanged();
        db.ChangeTracker.Clear();
        return ContentSaveResult.Success(item);
    }

    private ContentItemRecord NewRecord(ContentItem item, ContentDefinitionRecord defs)
    {
        var record = ContentItemMapper.ToRecord(item);
        ContentFieldIndexer.IndexNew(record, item, defs, fieldKinds);
        return record;
    }

    /// <summary>Validation, then handlers, then picker targets: every error of the item, or none.</summary>
    private async Task<List<ContentError>> CheckAsync(ContentItem item, ContentDefinitionRecord defs, CancellationToken cancellationToken)
    {
        var errors = ContentValidator.Validate(item, defs, fieldKinds);
        if (errors.Count > 0)
        {
            return errors;
        }
        errors.AddRange(await preparer.PrepareAsync(item, defs, new PathRegistry(db), cancellationToken: cancellationToken));
        errors.AddRange((await pickers.ValidateAsync([item], defs, cancellationToken)).Select(e => e.Error));
        return errors;
    }

    private static ContentSaveResult StaleEdit(ContentItemRecord latest) => ContentSaveResult.Conflict(
        $"this item was changed by {latest.Author ?? "someone else"} at {latest.ModifiedUtc:u} after you opened it; nothing was saved");
}
