using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Scheduling;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Versions;

/// <summary>
/// Scheduled publishing (Orchard's PublishLaterPart and ArchiveLaterPart) on the one write path. A version's due time
/// lives in its row's indexed <c>ScheduledUtc</c> column, filled from the parts whenever the row is written, so the
/// scheduler's check is one indexed query; a due row is claimed by a conditional UPDATE in the transaction that
/// publishes or archives it, so of several instances exactly one does it.
/// </summary>
public sealed partial class ContentService
{
    /// <summary>The scheduler writes as this user: it may not review, so it publishes only approved drafts.</summary>
    public static readonly ContentUser Scheduler = new(null, "scheduler") { CanReview = false };

    /// <summary>
    /// Sets the item's schedule, in place and without a new version: <paramref name="publishUtc"/> on its draft,
    /// <paramref name="archiveUtc"/> on its published version and its draft; null cancels. The caller checks that the
    /// user may publish the item.
    /// </summary>
    public Task<ContentSaveResult> ScheduleAsync(string contentItemId, DateTime? publishUtc, DateTime? archiveUtc, ContentUser user,
        string? expectedStamp = null, CancellationToken cancellationToken = default) =>
        WriteAsync(user, async () =>
        {
            var rows = await db.ContentItems.Where(r => r.ContentItemId == contentItemId && (r.Latest || r.Published)).ToListAsync(cancellationToken);
            var latest = rows.Find(r => r.Latest);
            if (latest is null)
            {
                return ContentSaveResult.NotFound(contentItemId);
            }
            if (expectedStamp is not null && expectedStamp != latest.ConcurrencyStamp)
            {
                return StaleEdit(latest);
            }
            var (draft, published) = (latest.Published ? null : latest, rows.Find(r => r.Published));
            if (publishUtc is not null && draft is null)
            {
                return ContentSaveResult.Invalid([new ContentError(ScheduleRules.PublishPath, "the item has no draft to publish: its latest version is published already")]);
            }
            if (archiveUtc is not null && published is null && publishUtc is null)
            {
                return ContentSaveResult.Invalid([new ContentError(ScheduleRules.ArchivePath, "the item is not published and no publish is scheduled: there is nothing to archive")]);
            }
            var defs = await definitions.GetAsync(cancellationToken);
            ContentItem? written = null;
            foreach (var row in new[] { draft, published }.OfType<ContentItemVersionRow>())
            {
                var stored = ContentItemMapper.ToItem(row);
                var item = stored.Clone();
                if (!row.Published && (publishUtc is not null || ScheduleParts.PublishUtc(item) is not null))
                {
                    ScheduleParts.SetPublish(item, publishUtc);
                }
                if (archiveUtc is not null || ScheduleParts.ArchiveUtc(item) is not null)
                {
                    ScheduleParts.SetArchive(item, archiveUtc);
                }
                if (ScheduleRules.Check(item, stored, defs.FindType(item.ContentType), user, Now, await ApprovalByPublishAsync(defs, item, user, cancellationToken)) is { } problem)
                {
                    return problem;
                }
                ContentItemMapper.CopyTo(item, row);
                if (ReviewRecord.Of(item) != ReviewRecord.Of(stored))
                {
                    await ContentFieldIndexer.ReindexWorkflowAsync(db, row, stored, item, cancellationToken); // approved by scheduling: the dashboard's lists read it there
                }
                written ??= item;
            }
            await db.SaveChangesAsync(cancellationToken);
            return Saved(written!, new ContentChange(ChangeKind.Scheduled, contentItemId, written!.ContentItemVersionId, latest.ContentType, published is not null, published is not null));
        }, cancellationToken);

    /// <summary>
    /// Publishes (a draft) or archives (a published version) one due version, as <see cref="Scheduler"/>, if this call
    /// claims it. A publish or archive that is refused or invalid cancels the schedule instead, so it is not tried again.
    /// </summary>
    public async Task<ScheduledRun> RunScheduledAsync(DueVersion due, CancellationToken cancellationToken = default)
    {
        var now = Now;
        ContentSaveResult result;
        await using (var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken))
        {
            if (!await ClaimAsync(due.Id, now, cancellationToken))
            {
                return new ScheduledRun(due, ScheduledOutcome.NotClaimed);
            }
            var row = await db.ContentItems.AsNoTracking().Where(r => r.Id == due.Id).Select(r => new { r.Latest, r.Published }).FirstAsync(cancellationToken);
            if (!row.Published && !row.Latest)
            {
                await transaction.CommitAsync(cancellationToken);
                return new ScheduledRun(due, ScheduledOutcome.Stale);
            }
            result = row.Published
                ? await UnpublishAsync(due.ContentItemId, Scheduler, cancellationToken)
                : await PublishAsync(due.ContentItemId, Scheduler, cancellationToken: cancellationToken);
            if (result.Succeeded)
            {
                await transaction.CommitAsync(cancellationToken);
                return new ScheduledRun(due, row.Published ? ScheduledOutcome.Archived : ScheduledOutcome.Published);
            }
        }
        var problem = string.Join(" ", result.Errors.Select(e => e.ToString()));
        var cancelled = await CancelDueAsync(due.Id, now, cancellationToken);
        return new ScheduledRun(due, cancelled ? ScheduledOutcome.Cancelled : ScheduledOutcome.NotClaimed, problem);
    }

    // Clears the row's due time if it is still due: of several instances, the one whose UPDATE changes the row has it.
    private async Task<bool> ClaimAsync(long id, DateTime now, CancellationToken cancellationToken) =>
        await db.ContentItems
            .Where(r => r.Id == id && r.ScheduledUtc != null && r.ScheduledUtc <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ScheduledUtc, (DateTime?)null), cancellationToken) == 1;

    // After a refused or invalid publish or archive: the version's time is cleared in its part as well, and announced.
    private async Task<bool> CancelDueAsync(long id, DateTime now, CancellationToken cancellationToken)
    {
        var result = await WriteAsync(Scheduler, async () =>
        {
            if (!await ClaimAsync(id, now, cancellationToken))
            {
                return ContentSaveResult.Conflict("claimed elsewhere");
            }
            var row = await db.ContentItems.FirstAsync(r => r.Id == id, cancellationToken);
            var item = ContentItemMapper.ToItem(row);
            if (row.Published)
            {
                ScheduleParts.SetArchive(item, null);
            }
            else
            {
                ScheduleParts.SetPublish(item, null);
            }
            ContentItemMapper.CopyTo(item, row);
            await db.SaveChangesAsync(cancellationToken);
            return Saved(item, new ContentChange(ChangeKind.Scheduled, item.ContentItemId, item.ContentItemVersionId, item.ContentType, row.Published, row.Published));
        }, cancellationToken);
        return result.Succeeded;
    }

    /// <summary>The schedule rules for a save (see <see cref="ScheduleRules"/>); <paramref name="stored"/> is the row the edit replaces.</summary>
    private async Task<ContentSaveResult?> CheckScheduleAsync(ContentItem edit, ContentItemVersionRow? stored, ContentDefinitionSet defs, ContentUser user, CancellationToken cancellationToken)
    {
        var scheduled = edit.Parts.ContainsKey(Parts.PartNames.PublishLaterPart) || edit.Parts.ContainsKey(Parts.PartNames.ArchiveLaterPart);
        return scheduled
            ? ScheduleRules.Check(edit, stored is null ? null : ContentItemMapper.ToItem(stored), defs.FindType(edit.ContentType), user, Now, await ApprovalByPublishAsync(defs, edit, user, cancellationToken))
            : null;
    }
}
