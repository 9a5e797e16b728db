using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Localization;

/// <summary>
/// Which item holds each culture of the localization sets an import touches: read from the store once per set (a batch's
/// sets in one query), then kept as the import claims slots, so a recipe with two items in one culture of a set is
/// refused at the second, before anything is written.
/// </summary>
public sealed class CultureSlots(ClinicCmsDbContext db)
{
    private const int ChunkSize = 500;

    private readonly Dictionary<(string Set, string Culture), string> _holders = [];
    private readonly HashSet<string> _loaded = new(StringComparer.Ordinal);

    /// <summary>Reads the holders of the sets the items name, so that claiming them asks the store nothing more.</summary>
    public async Task PreloadAsync(IEnumerable<ContentItem> items, ContentDefinitionSet definitions, CancellationToken cancellationToken)
    {
        var sets = items.Select(i => CultureRules.PartOf(i, definitions) is { } part ? i.Get<LocalizationPart>(part).LocalizationSet : null)
            .OfType<string>().Where(s => s.Length > 0 && _loaded.Add(s)).ToList();
        foreach (var chunk in sets.Chunk(ChunkSize))
        {
            var rows = await db.ContentItems.AsNoTracking()
                .Where(r => chunk.Contains(r.LocalizationSet!) && r.Culture != null && (r.Latest || r.Published))
                .Select(r => new { r.LocalizationSet, r.Culture, r.ContentItemId })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                _holders.TryAdd((row.LocalizationSet!, row.Culture!), row.ContentItemId);
            }
        }
    }

    /// <summary>Claims the item's culture in its set; the error when another item holds it.</summary>
    public async Task<ContentError?> ClaimAsync(ContentItem item, ContentDefinitionSet definitions, CancellationToken cancellationToken)
    {
        if (CultureSlot.Of(item, definitions) is not { } slot)
        {
            return null;
        }
        if (!_loaded.Contains(slot.Set))
        {
            await PreloadAsync([item], definitions, cancellationToken);
        }
        if (_holders.TryGetValue(slot, out var holder) && holder != item.ContentItemId)
        {
            return CultureSlot.Taken(CultureRules.PartOf(item, definitions)!, slot.Set, slot.Culture);
        }
        _holders[slot] = item.ContentItemId;
        return null;
    }
}
