using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Preparation;
using ClinicCms.Content.Security;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Versions;

/// <summary>
/// The one write path for single items, with Orchard's version operations (create, save draft, publish,
/// unpublish, discard draft, delete, clone, restore), whose rules live in <see cref="VersionTransitions"/>. Each runs
/// in one transaction, or joins the caller's, and its change is announced once that commits. Scoped: a background
/// job calls it from a scope of its own. Saving a draft never changes the published version's content.
/// </summary>
public sealed partial class ContentService(
    ClinicCmsDbContext db,
    ContentDefinitionStore definitions,
    ContentItemPreparer preparer,
    PickerTargetValidator pickers,
    ContentFieldKinds fieldKinds,
    TimeProvider clock,
    Localization.SiteCultures cultures)
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
    public Task<ContentSaveResult> CreateAsync(ContentItem item, bool publish, ContentUser user, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async () =>
        {
            item = item.Clone();
            if (string.IsNullOrEmpty(item.ContentItemId))
            {
                item.ContentItemId = IdGenerator.NewId();
            }
            if (await db.ContentItems.AnyAsync(r => r.ContentItemId == item.ContentItemId, cancellationToken))
            {
                return ContentSaveResult.Conflict($"a content item with the id '{item.ContentItemId}' exists already");
            }
            var change = VersionTransitions.Create(item, publish, user, Now);
            var defs = await definitions.GetAsync(cancellationToken);
            var errors = await CheckAsync(item, defs, user, cancellationToken);
            if (errors.Count > 0)
            {
                return ContentSaveResult.Invalid(errors);
            }
            VersionTransitions.KeepReview(item, stored: null);
            if (await CheckScheduleAsync(item, stored: null, defs, user, cancellationToken) is { } unscheduled)
            {
                return unscheduled;
            }
            if (publish && VersionTransitions.CheckApproval(item, defs.FindType(item.ContentType), user, Now, await ApprovalByPublishAsync(defs, item, user, cancellationToken)) is { } refused)
            {
                return ContentSaveResult.Refused(refused);
            }
            db.ContentItems.Add(NewRow(item, defs));
            await db.SaveChangesAsync(cancellationToken);
            return Saved(item, change);
        }, cancellationToken);

    /// <summary>
    /// Saves an edit as the draft. The edit must be based on the item's latest version (same version id and
    /// stamp), else it is a conflict and nothing is written. Editing a published latest version starts a new draft.
    /// </summary>
    public Task<ContentSaveResult> SaveDraftAsync(ContentItem edited, ContentUser user, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async () =>
        {
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
            var versionable = defs.FindType(latest.ContentType)?.TypeSettings.Versionable != false;
            var draft = edited.Clone();
            var (newVersion, change) = VersionTransitions.SaveDraft(latest, draft, versionable, await HasPublishedAsync(latest, cancellationToken), user, Now);
            var errors = await CheckAsync(draft, defs, user, cancellationToken);
            if (errors.Count > 0)
            {
                return ContentSaveResult.Invalid(errors);
            }
            // Only a version that has a review (or a medical review: its name contains ReviewPart too) is read back, to compare: most saves skip the parse.
            VersionTransitions.KeepReview(draft, latest.Content.Contains(ReviewRecord.PartName, StringComparison.Ordinal) ? ContentItemMapper.ToItem(latest) : null);
            if (await CheckScheduleAsync(draft, latest, defs, user, cancellationToken) is { } unscheduled)
            {
                return unscheduled;
            }
            if (newVersion)
            {
                await db.SaveChangesAsync(cancellationToken); // the demoted latest first: one latest version at every statement
                db.ContentItems.Add(NewRow(draft, defs));
            }
            else
            {
                ContentItemMapper.CopyTo(draft, latest);
                await ContentFieldIndexer.ReindexAsync(db, latest, draft, defs, fieldKinds, cancellationToken);
            }
            await db.SaveChangesAsync(cancellationToken);
            return Saved(draft, change);
        }, cancellationToken);

    /// <summary>Publishes the latest version; the previously published version is kept as history.</summary>
    public Task<ContentSaveResult> PublishAsync(string contentItemId, ContentUser user, string? expectedStamp = null, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async () =>
        {
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
            var defs = await definitions.GetAsync(cancellationToken);
            var errors = await CheckAsync(draft, defs, user, cancellationToken);
            if (errors.Count > 0)
            {
                return ContentSaveResult.Invalid(errors);
            }
            var reviewBefore = ReviewRecord.Of(draft);
            if (VersionTransitions.CheckApproval(draft, defs.FindType(draft.ContentType), user, Now, await ApprovalByPublishAsync(defs, draft, user, cancellationToken)) is { } refused)
            {
                return ContentSaveResult.Refused(refused);
            }
            var published = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Published, cancellationToken);
            var change = VersionTransitions.Publish(draft, published, user, Now);
            await db.SaveChangesAsync(cancellationToken); // the demoted version first: one published version at every statement
            if (ReviewRecord.Of(draft) != reviewBefore)
            {
                // Approved by publishing: the dashboard's lists read the review state and due date there.
                await ContentFieldIndexer.ReindexWorkflowAsync(db, latest, ContentItemMapper.ToItem(latest), draft, cancellationToken);
            }
            ContentItemMapper.CopyTo(draft, latest);
            await db.SaveChangesAsync(cancellationToken);
            // A publish that was also the approval says so in the audit trail.
            return ReviewRecord.Of(draft) != reviewBefore ? Saved(draft, change) with { AuditDetail = "approved by publishing" } : Saved(draft, change);
        }, cancellationToken);

    /// <summary>
    /// A review step on the item's draft (see <see cref="VersionTransitions.Review"/>). The caller checks that the user may
    /// edit the item (to request) or holds ReviewContent for it (<see cref="ContentUser.CanReview"/>, to approve or request changes).
    /// </summary>
    public Task<ContentSaveResult> ReviewAsync(string contentItemId, ReviewAction action, string? comment, ContentUser user, string? expectedStamp = null, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async () =>
        {
            if (comment is { Length: > ReviewRecord.MaxCommentLength })
            {
                return ContentSaveResult.Invalid([new ContentError("Comment", $"at most {ReviewRecord.MaxCommentLength} characters")]);
            }
            if (comment is not null && (!TextCheck.IsValid(comment) || !TextCheck.IsPlainText(comment, multiline: true)))
            {
                return ContentSaveResult.Invalid([new ContentError("Comment", "plain text only: no markup (< or >), no control characters and no direction overrides")]);
            }
            var latest = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Latest, cancellationToken);
            if (latest is null)
            {
                return ContentSaveResult.NotFound(contentItemId);
            }
            if (latest.Published)
            {
                return ContentSaveResult.Invalid([new ContentError("", "the item has no draft to review: its latest version is published")]);
            }
            // A reviewer approves what they read: a draft edited since then is not theirs to approve unseen.
            if (expectedStamp is not null && expectedStamp != latest.ConcurrencyStamp)
            {
                return ContentSaveResult.Stale($"the draft was changed by {latest.Author ?? "someone"} at {latest.ModifiedUtc:u} after you read it: read it again before you review it");
            }
            var draft = ContentItemMapper.ToItem(latest);
            var defs = await definitions.GetAsync(cancellationToken);
            var medical = action == ReviewAction.Approve ? await MedicalApprovalAsync(defs, draft.ContentType, user, cancellationToken) : null;
            var (refused, change) = VersionTransitions.Review(draft, action, comment, user, Now, medical);
            if (refused is not null)
            {
                return ContentSaveResult.Invalid([new ContentError("Action", refused)]);
            }
            await ContentFieldIndexer.ReindexWorkflowAsync(db, latest, ContentItemMapper.ToItem(latest), draft, cancellationToken); // the dashboard's lists read the review state there
            ContentItemMapper.CopyTo(draft, latest);
            await db.SaveChangesAsync(cancellationToken);
            return Saved(draft, change!) with { AuditEvent = Audit.AuditEvents.Of(action), AuditDetail = comment };
        }, cancellationToken);

    /// <summary>
    /// Runs several writes as one (a save then a publish): all of them are kept when the last succeeds, none otherwise,
    /// so a refused publish leaves no half-done draft behind.
    /// </summary>
    public async Task<ContentSaveResult> AllOrNothingAsync(Func<Task<ContentSaveResult>> writes, CancellationToken cancellationToken = default)
    {
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        var result = await writes();
        if (result.Succeeded)
        {
            await transaction.CommitAsync(cancellationToken);
        }
        return result;
    }

    /// <summary>Takes the item off the frontends; its latest version stays (as a draft if it was the published one).</summary>
    public Task<ContentSaveResult> UnpublishAsync(string contentItemId, ContentUser user, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async () =>
        {
            var record = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Published, cancellationToken);
            if (record is null)
            {
                return ContentSaveResult.NotFound(contentItemId);
            }
            var item = ContentItemMapper.ToItem(record);
            var change = VersionTransitions.Unpublish(item, Now);
            ContentItemMapper.CopyTo(item, record);
            await db.SaveChangesAsync(cancellationToken);
            return Saved(item, change);
        }, cancellationToken);

    /// <summary>
    /// Drops the draft: it is kept as history and the published version becomes the latest again. An item never
    /// published (or unpublished since) has nothing to go back to, so discarding its draft removes it, as a delete does;
    /// <paramref name="onlyOverPublished"/> refuses that, for a caller who may edit the item but not delete it.
    /// </summary>
    public Task<ContentSaveResult> DiscardDraftAsync(string contentItemId, ContentUser user, bool onlyOverPublished, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async () =>
        {
            var draft = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Latest, cancellationToken);
            if (draft is null)
            {
                return ContentSaveResult.NotFound(contentItemId);
            }
            if (draft.Published)
            {
                return ContentSaveResult.Invalid([new ContentError("", "the item has no draft to discard")]);
            }
            var published = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Published, cancellationToken);
            if (published is null && onlyOverPublished)
            {
                return ContentSaveResult.Refused("the item has no published version: discarding its only draft would delete it, which needs the right to delete it");
            }
            VersionTransitions.DiscardDraft(draft);
            await db.SaveChangesAsync(cancellationToken);
            var change = VersionTransitions.DraftDiscarded(draft, published);
            await db.SaveChangesAsync(cancellationToken);
            return Saved(ContentItemMapper.ToItem(published ?? draft), change);
        }, cancellationToken);

    /// <summary>
    /// Soft delete, as Orchard's RemoveAsync: no version stays published or latest; history is kept. With
    /// <paramref name="expectedStamp"/>, only while the version the caller read is still the published or the latest one.
    /// </summary>
    public Task<ContentSaveResult> DeleteAsync(string contentItemId, ContentUser user, string? expectedStamp = null, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async () =>
        {
            var active = await db.ContentItems.Where(r => r.ContentItemId == contentItemId && (r.Latest || r.Published)).ToListAsync(cancellationToken);
            if (active.Count == 0)
            {
                return ContentSaveResult.NotFound(contentItemId);
            }
            if (expectedStamp is not null && !active.Any(r => r.ConcurrencyStamp == expectedStamp))
            {
                return StaleEdit(active[0]);
            }
            var change = VersionTransitions.Delete(active);
            await db.SaveChangesAsync(cancellationToken);
            return Saved(ContentItemMapper.ToItem(active[0]), change);
        }, cancellationToken);

    /// <summary>A new item, created as a draft, with the latest version's data; a generated path is generated anew.</summary>
    public async Task<ContentSaveResult> CloneAsync(string contentItemId, ContentUser user, CancellationToken cancellationToken = default)
    {
        var source = await GetAsync(contentItemId, VersionOptions.Latest, cancellationToken);
        if (source is null)
        {
            return ContentSaveResult.NotFound(contentItemId);
        }
        return await CreateAsync(OutOfItsSet(VersionTransitions.Clone(source, user), await definitions.GetAsync(cancellationToken)), publish: false, user, cancellationToken);
    }

    /// <summary>Makes an old version the new draft; the published version, if any, stays published.</summary>
    public async Task<ContentSaveResult> RestoreAsync(string contentItemId, string contentItemVersionId, ContentUser user, CancellationToken cancellationToken = default)
    {
        var old = await GetVersionAsync(contentItemVersionId, cancellationToken);
        if (old is null || old.ContentItemId != contentItemId)
        {
            return ContentSaveResult.NotFound(contentItemVersionId);
        }
        return await WriteAsync(user, async () =>
        {
            var latest = await db.ContentItems.FirstOrDefaultAsync(r => r.ContentItemId == contentItemId && r.Latest, cancellationToken);
            var hasPublished = latest is not null && await HasPublishedAsync(latest, cancellationToken);
            var draft = old.Clone();
            var change = VersionTransitions.Restore(draft, latest, hasPublished, user, Now);
            var defs = await definitions.GetAsync(cancellationToken);
            var errors = await CheckAsync(draft, defs, user, cancellationToken);
            if (errors.Count > 0)
            {
                return ContentSaveResult.Invalid(errors);
            }
            await db.SaveChangesAsync(cancellationToken); // the demoted latest first
            db.ContentItems.Add(NewRow(draft, defs));
            await db.SaveChangesAsync(cancellationToken);
            return Saved(draft, change);
        }, cancellationToken);
    }

    private static bool RequiresReview(ContentDefinitionSet defs, string contentType) => defs.FindType(contentType)?.TypeSettings.RequiresReview == true;

    /// <summary>The medical review a publish writes when it is also the approval (a reviewer publishing an unapproved draft).</summary>
    private Task<MedicalApproval?> ApprovalByPublishAsync(ContentDefinitionSet defs, ContentItem draft, ContentUser user, CancellationToken cancellationToken) =>
        RequiresReview(defs, draft.ContentType) && ReviewRecord.Of(draft).State != ReviewState.Approved
            ? MedicalApprovalAsync(defs, draft.ContentType, user, cancellationToken)
            : Task.FromResult<MedicalApproval?>(null);

    /// <summary>What an approval by <paramref name="user"/> writes into a type with MedicalReviewPart: their profile's byline, read now.</summary>
    private async Task<MedicalApproval?> MedicalApprovalAsync(ContentDefinitionSet defs, string contentType, ContentUser user, CancellationToken cancellationToken)
    {
        if (!user.CanReview || defs.FindType(contentType) is not { } type || type.FindPart(PartNames.MedicalReviewPart) is null)
        {
            return null;
        }
        var profile = user.Id is null ? [] : await db.UserClaims.AsNoTracking()
            .Where(c => c.UserId == user.Id && (c.ClaimType == UserProfile.DisplayNameClaim || c.ClaimType == UserProfile.CredentialsClaim))
            .ToListAsync(cancellationToken);
        string? Claim(string name) => profile.FirstOrDefault(c => c.ClaimType == name)?.ClaimValue;
        // Without a profile (an API client), the name stands only if it is what a profile may hold, else the id.
        var name = UserProfile.Check(user.Name) is null ? user.Name : user.Id;
        return new MedicalApproval(UserProfile.Byline(Claim(UserProfile.DisplayNameClaim), Claim(UserProfile.CredentialsClaim), name), type.TypeSettings.ReviewIntervalDays);
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>
    /// Runs one write in its own transaction, or in the caller's. A successful write announces its change when the
    /// outermost transaction commits; a failed one rolls back (when it owns the transaction) and announces nothing.
    /// Tracked rows are forgotten either way, so the next read sees what the database holds.
    /// </summary>
    private async Task<ContentSaveResult> WriteAsync(ContentUser user, Func<Task<Outcome>> write, CancellationToken cancellationToken)
    {
        try
        {
            await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
            Outcome outcome;
            try
            {
                outcome = await write();
            }
            catch (DbUpdateConcurrencyException)
            {
                return ContentSaveResult.Stale("someone else saved this item at the same moment; reload it and apply your changes again");
            }
            catch (DbUpdateException e) when (Localization.CultureSlot.IsViolation(e))
            {
                return CultureSlotTaken(e);
            }
            if (outcome.Result.Succeeded && outcome.Change is { } change)
            {
                db.Announce(change, user, outcome.AuditEvent, outcome.AuditDetail); // its audit row is written in this transaction
                await transaction.CommitAsync(cancellationToken);
            }
            return outcome.Result;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    private static Outcome Saved(ContentItem item, ContentChange change) => new(ContentSaveResult.Success(item), change);

    /// <summary>A write's result and, when it wrote something, the change to announce (and its audit event, when the change's kind does not say it).</summary>
    private readonly record struct Outcome(ContentSaveResult Result, ContentChange? Change)
    {
        public string? AuditEvent { get; init; }
        public string? AuditDetail { get; init; }

        public static implicit operator Outcome(ContentSaveResult result) => new(result, null);
    }

    private async Task<bool> HasPublishedAsync(ContentItemVersionRow latest, CancellationToken cancellationToken) =>
        latest.Published || await db.ContentItems.AnyAsync(r => r.ContentItemId == latest.ContentItemId && r.Published, cancellationToken);

    private ContentItemVersionRow NewRow(ContentItem item, ContentDefinitionSet defs)
    {
        var record = ContentItemMapper.ToRow(item);
        ContentFieldIndexer.IndexNew(record, item, defs, fieldKinds);
        return record;
    }

    /// <summary>Validation, then handlers, then picker targets: every error of the item, or none.</summary>
    private async Task<List<ContentError>> CheckAsync(ContentItem item, ContentDefinitionSet defs, ContentUser user, CancellationToken cancellationToken)
    {
        var siteCultures = await cultures.GetAsync(cancellationToken);
        Localization.CultureRules.FillDefaults(item, defs, siteCultures);
        var errors = ContentValidator.Validate(item, defs, fieldKinds);
        errors.AddRange(errors.Count == 0 ? Localization.CultureRules.Check(item, defs, siteCultures) : []);
        if (errors.Count > 0)
        {
            return errors;
        }
        if (await CheckCultureSlotAsync(item, defs, user, cancellationToken) is { } taken)
        {
            errors.Add(taken);
        }
        errors.AddRange(await preparer.PrepareAsync(item, defs, new PathRegistry(db), cancellationToken: cancellationToken));
        errors.AddRange((await pickers.ValidateAsync([item], defs, cancellationToken)).Select(e => e.Error));
        return errors;
    }

    private static ContentSaveResult StaleEdit(ContentItemVersionRow latest) => ContentSaveResult.Stale(
        $"this item was changed by {latest.Author ?? "someone else"} at {latest.ModifiedUtc:u} after you opened it; nothing was done");
}
