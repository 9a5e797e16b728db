using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Preparation;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Import;

/// <summary>
/// Orchard's ImportAsync, in batches of 500: identity is the ContentItemVersionId; a known version is
/// compared ignoring Published and Latest and updated in place only when it differs; an unknown one becomes a new
/// version, demoting the item's previous latest or published version. Runs in the caller's transaction.
/// </summary>
public sealed class ContentImporter(
    ClinicCmsDbContext db,
    ContentItemPreparer preparer,
    ContentFieldKinds fieldKinds,
    PickerTargetValidator pickers,
    Search.SearchIndexer search,
    TimeProvider clock)
{
    private const int BatchSize = 500;

    public async Task<ContentImportResult> ImportAsync(
        IReadOnlyList<ImportItem> data, ContentDefinitionSet definitions, ContentUser user,
        IProgress<int>? progress = null, Localization.LocalizationSettings? cultures = null, CancellationToken cancellationToken = default)
    {
        using var settingsReadOnce = SettingsExtensions.ReadOnce();
        var result = new ContentImportResult();
        var paths = new PathRegistry(db);
        var seenVersions = new HashSet<string>();
        var imported = new List<(int Index, ImportItem Item)>();
        await using var rows = new RowInserter(db);
        var written = search.PrepareFor(db, definitions, cultures?.DefaultCulture);
        for (var start = 0; start < data.Count; start += BatchSize)
        {
            var batch = Take(data, start, Math.Min(BatchSize, data.Count - start), seenVersions, result);
            var run = new ImportBatch(db, rows, definitions, preparer, fieldKinds, paths, Now, user, result, cultures, written);
            await run.ImportAsync(batch, cancellationToken);
            imported.AddRange(batch);
            db.ChangeTracker.Clear();
            progress?.Report(Math.Min(start + BatchSize, data.Count));
        }
        // Pickers are checked once everything is written, so items of one recipe may point at each other.
        foreach (var chunk in imported.Chunk(BatchSize))
        {
            var byItem = new Dictionary<ContentItem, int>(ReferenceEqualityComparer.Instance);
            foreach (var (index, item) in chunk)
            {
                byItem[item.Item] = index;
            }
            foreach (var (item, error) in await pickers.ValidateAsync(chunk.Select(c => c.Item.Item).ToList(), definitions, cancellationToken))
            {
                result.Errors.Add((byItem[item], error));
            }
        }
        return result;
    }

    /// <summary>The stored versions among <paramref name="versionIds"/>, so a recipe can be checked as it will be merged.</summary>
    public async Task<Dictionary<string, ContentItem>> FindStoredAsync(IReadOnlyCollection<string> versionIds, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, ContentItem>();
        foreach (var chunk in versionIds.Where(v => v.Length > 0).Distinct().Chunk(BatchSize))
        {
            var records = await db.ContentItems.AsNoTracking().Where(r => chunk.Contains(r.ContentItemVersionId)).ToListAsync(cancellationToken);
            foreach (var record in records)
            {
                found[record.ContentItemVersionId] = ContentItemMapper.ToItem(record);
            }
        }
        return found;
    }

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static List<(int Index, ImportItem Item)> Take(
        IReadOnlyList<ImportItem> data, int start, int count, HashSet<string> seenVersions, ContentImportResult result)
    {
        var batch = new List<(int, ImportItem)>(count);
        for (var i = start; i < start + count; i++)
        {
            var item = data[i].Item;
            if (string.IsNullOrEmpty(item.ContentItemId))
            {
                result.Errors.Add((i, new ContentError("ContentItemId", "required: every imported item needs a ContentItemId")));
                continue;
            }
            // Orchard skips a version id that occurs twice in one import.
            if (!string.IsNullOrEmpty(item.ContentItemVersionId) && !seenVersions.Add(item.ContentItemVersionId))
            {
                continue;
            }
            batch.Add((i, data[i]));
        }
        return batch;
    }
}
