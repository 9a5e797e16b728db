using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Preparation;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using ClinicCms.Content.Versions;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Import;

/// <summary>
/// One batch of an import. Rows are loaded with two queries; the version rules are <see cref="VersionTransitions"/>'s,
/// as for every write; demotions are saved before the rows that take their place, so the unique published and
/// latest indexes hold at every statement. Each imported version is announced when the recipe's transaction commits, and
/// handed to <c>written</c> as written (search builds its document meanwhile).
/// </summary>
internal sealed class ImportBatch(
    ClinicCmsDbContext db, RowInserter rows, ContentDefinitionSet definitions, ContentItemPreparer preparer, ContentFieldKinds fieldKinds, PathRegistry paths,
    DateTime now, ContentUser user, ContentImportResult result, Localization.LocalizationSettings? cultures,
    Action<ContentItemVersionRow, ContentItem>? written)
{
    private readonly List<Func<CancellationToken, Task>> _pendingWrites = [];
    private readonly HashSet<string> _pendingItems = [];
    private Dictionary<string, ContentItemVersionRow> _byVersion = [];
    private Dictionary<string, List<ContentItemVersionRow>> _activeByItem = [];
    private Localization.CultureSlots? _cultureSlots;

    public async Task ImportAsync(List<(int Index, ImportItem Item)> batch, CancellationToken cancellationToken)
    {
        // Sanitizing HTML is the costliest step of an import and touches nothing shared: do the batch on every core.
        Parallel.ForEach(batch, new ParallelOptions { CancellationToken = cancellationToken }, b => preparer.SanitizeHtml(b.Item.Item, definitions));
        await LoadAsync(batch, cancellationToken);
        foreach (var (index, (item, checkedAsNew)) in batch)
        {
            if (_pendingItems.Contains(item.ContentItemId))
            {
                await FlushAsync(cancellationToken); // a second version of one item waits for the first
            }
            var errors = await ImportItemAsync(item, checkedAsNew, cancellationToken);
            result.Errors.AddRange(errors.Select(e => (index, e)));
        }
        await FlushAsync(cancellationToken);
    }

    private async Task LoadAsync(List<(int Index, ImportItem Item)> batch, CancellationToken cancellationToken)
    {
        var versionIds = batch.Select(b => b.Item.Item.ContentItemVersionId).Where(v => v.Length > 0).ToList();
        var itemIds = batch.Select(b => b.Item.Item.ContentItemId).Distinct().ToList();
        _byVersion = (await db.ContentItems.Where(r => versionIds.Contains(r.ContentItemVersionId)).ToListAsync(cancellationToken))
            .ToDictionary(r => r.ContentItemVersionId);
        var active = await db.ContentItems.Where(r => itemIds.Contains(r.ContentItemId) && (r.Latest || r.Published)).ToListAsync(cancellationToken);
        foreach (var record in _byVersion.Values.Where(r => !active.Contains(r)))
        {
            active.Add(record);
        }
        _activeByItem = active.GroupBy(r => r.ContentItemId).ToDictionary(g => g.Key, g => g.ToList());
        await paths.PreloadAsync(batch.SelectMany(b => preparer.PathsToCheck(b.Item.Item, definitions)), cancellationToken);
        _cultureSlots = new Localization.CultureSlots(db);
        await _cultureSlots.PreloadAsync(batch.Select(b => b.Item.Item), definitions, cancellationToken);
    }

    private async Task<List<ContentError>> ImportItemAsync(ContentItem imported, bool checkedAsNew, CancellationToken cancellationToken)
    {
        var existing = imported.ContentItemVersionId.Length > 0 ? _byVersion.GetValueOrDefault(imported.ContentItemVersionId) : null;
        if (existing is not null && existing.ContentItemId != imported.ContentItemId)
        {
            return [new ContentError("ContentItemVersionId", $"'{imported.ContentItemVersionId}' is a version of another item ({existing.ContentItemId}); a version id names one version of one item")];
        }
        var item = existing is null ? imported : ImportMerge.Merge(ContentItemMapper.ToItem(existing), imported);
        var stored = Active(item.ContentItemId, except: null).FirstOrDefault(r => r.LocalizationSet is not null);
        Localization.CultureRules.FillDefaults(item, definitions, cultures, stored?.LocalizationSet, stored?.Culture); // as a save does
        // Filling the culture and sanitizing HTML turn a valid item into a valid item: one checked as new needs no second check.
        var errors = checkedAsNew && existing is null ? [] : ContentValidator.Validate(item, definitions, fieldKinds);
        if (errors.Count > 0)
        {
            return errors;
        }
        if (ReviewRefusal(item) is { } refused)
        {
            return [refused];
        }
        // The slot first: an item refused for it registers no paths, so it adds no "path taken" errors to its own.
        if (await _cultureSlots!.ClaimAsync(item, definitions, cancellationToken) is { } taken)
        {
            return [taken]; // one item per culture per localization set
        }
        errors = await preparer.PrepareAsync(item, definitions, paths, sanitized: true, cancellationToken);
        if (errors.Count > 0)
        {
            return errors;
        }
        if (existing is null)
        {
            Create(item);
        }
        else
        {
            Update(existing, item, reviewGiven: imported.Parts.ContainsKey(ReviewRecord.PartName));
        }
        return errors;
    }

    /// <summary>
    /// Review before publish holds for imports by a user who may not review: a reviewed type's published version
    /// needs their approval rights, and a review state in the recipe is not taken on trust (a draft comes in as a draft).
    /// </summary>
    private ContentError? ReviewRefusal(ContentItem item)
    {
        if (user.CanReview)
        {
            return null;
        }
        item.Parts.Remove(PartNames.MedicalReviewPart); // a medical review is a reviewer's word: not taken from a recipe on trust either
        if (definitions.FindType(item.ContentType) is not { TypeSettings.RequiresReview: true } type)
        {
            return null;
        }
        if (item.Published)
        {
            return new ContentError("Published", $"publishing this {type.DisplayName ?? type.Name} needs an approved review: importing it published needs the ReviewContent permission");
        }
        ReviewRecord.None.WriteTo(item);
        return null;
    }

    private void Create(ContentItem item)
    {
        var change = VersionTransitions.ImportNew(item, Active(item.ContentItemId, except: null), user, now);
        var record = ContentItemMapper.ToRow(item);
        ContentFieldIndexer.IndexNew(record, item, definitions, fieldKinds);
        written?.Invoke(record, item); // for search to build its document ahead of the commit
        _byVersion[item.ContentItemVersionId] = record;
        Track(record);
        Write(item.ContentItemId, _ =>
        {
            rows.Add(record);
            return Task.CompletedTask;
        });
        db.Announce(change);
        result.Created++;
    }

    private void Update(ContentItemVersionRow existing, ContentItem item, bool reviewGiven)
    {
        var stored = ContentItemMapper.ToItem(existing);
        if (!reviewGiven)
        {
            KeepReview(item, stored);
        }
        if (ContentItemJson.ToJson(stored).ToJsonString() == ContentItemJson.ToJson(item).ToJsonString())
        {
            result.Unchanged++;
            return;
        }
        var change = VersionTransitions.ImportUpdate(existing, item, Active(item.ContentItemId, except: existing), now);
        Write(item.ContentItemId, cancellationToken =>
        {
            ContentItemMapper.CopyTo(item, existing);
            written?.Invoke(existing, item);
            return ContentFieldIndexer.ReindexAsync(db, existing, item, definitions, fieldKinds, cancellationToken);
        });
        Track(existing);
        db.Announce(change);
        result.Updated++;
    }

    /// <summary>
    /// A recipe that does not say where a stored version stands in review (its item merged into the stored one) changes it
    /// as an edit would: changed content goes back to Draft (the last medical review stays), and a publish scheduled on
    /// the approval is cancelled.
    /// </summary>
    private void KeepReview(ContentItem item, ContentItem stored)
    {
        var medical = item.Parts[PartNames.MedicalReviewPart]?.DeepClone();
        VersionTransitions.KeepReview(item, stored);
        if (medical is not null)
        {
            item.Parts[PartNames.MedicalReviewPart] = medical;
        }
        if (!item.Published && ReviewRecord.Of(item).State != ReviewState.Approved && definitions.FindType(item.ContentType)?.TypeSettings.RequiresReview == true)
        {
            Scheduling.ScheduleParts.SetPublish(item, null);
        }
    }

    /// <summary>
    /// The item's stored latest or published versions, which the rules may demote now; the write that takes their
    /// place waits for the flush, which saves demotions first. Rows of this batch not written yet are left out.
    /// </summary>
    private IEnumerable<ContentItemVersionRow> Active(string contentItemId, ContentItemVersionRow? except) =>
        (_activeByItem.GetValueOrDefault(contentItemId) ?? []).Where(r =>
            r != except && (r.Latest || r.Published) && db.Entry(r).State is not (EntityState.Added or EntityState.Detached));

    private void Track(ContentItemVersionRow record)
    {
        if (!_activeByItem.TryGetValue(record.ContentItemId, out var list))
        {
            list = [];
            _activeByItem[record.ContentItemId] = list;
        }
        if (!list.Contains(record))
        {
            list.Add(record);
        }
    }

    private void Write(string contentItemId, Func<CancellationToken, Task> write)
    {
        _pendingWrites.Add(write);
        _pendingItems.Add(contentItemId);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken); // demotions first
        foreach (var write in _pendingWrites)
        {
            await write(cancellationToken);
        }
        await rows.FlushAsync(cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        _pendingWrites.Clear();
        _pendingItems.Clear();
    }
}
