using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Localization;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Versions;

/// <summary>Localization on the one write path: translating an item into another culture of its localization set.</summary>
public sealed partial class ContentService
{
    /// <summary>
    /// Creates a draft in <paramref name="culture"/> in the item's localization set, copying its latest version's data;
    /// refused when the type has no LocalizationPart, the culture is not the site's, or the set has an item in it already.
    /// The caller checks that the user may create items of the type.
    /// </summary>
    public async Task<ContentSaveResult> TranslateAsync(string contentItemId, string culture, ContentUser user, CancellationToken cancellationToken = default)
    {
        var source = await GetAsync(contentItemId, VersionOptions.Latest, cancellationToken);
        if (source is null)
        {
            return ContentSaveResult.NotFound(contentItemId);
        }
        var defs = await definitions.GetAsync(cancellationToken);
        if (CultureRules.PartOf(source, defs) is not { } partName)
        {
            return ContentSaveResult.Invalid([new ContentError("", $"the type {source.ContentType} has no LocalizationPart: its items are not translated")]);
        }
        if (CultureName.Problem(culture) is { } problem)
        {
            return ContentSaveResult.Invalid([new ContentError("Culture", problem)]);
        }
        var set = source.Get<LocalizationPart>(partName).LocalizationSet;
        if (string.IsNullOrEmpty(set))
        {
            return ContentSaveResult.Invalid([new ContentError($"{partName}.LocalizationSet", "the item has no localization set yet: save it first")]);
        }
        // CreateAsync refuses a culture the set has already, as every write does.
        return await CreateAsync(Translation.Of(source, partName, culture, user), publish: false, user, cancellationToken);
    }

    /// <summary>The latest versions of the items of a localization set (each culture's), for the editor's links.</summary>
    public async Task<IReadOnlyList<ContentItem>> ListLocalizationsAsync(string localizationSet, CancellationToken cancellationToken = default)
    {
        var rows = await db.ContentItems.AsNoTracking().Where(r => r.LocalizationSet == localizationSet && r.Latest)
            .OrderBy(r => r.Culture).ThenBy(r => r.Id).Take(100).ToListAsync(cancellationToken);
        return rows.ConvertAll(ContentItemMapper.ToItem);
    }

    /// <summary>
    /// The error when another item holds the item's culture in its localization set (in a latest or published version),
    /// or when the item joins a set holding other users' items that <paramref name="user"/> may not edit: the set's
    /// items are each other's translations to readers, so joining one is an edit of theirs.
    /// </summary>
    private async Task<ContentError?> CheckCultureSlotAsync(ContentItem item, ContentDefinitionSet defs, ContentUser user, CancellationToken cancellationToken)
    {
        if (CultureSlot.Of(item, defs) is not { } slot)
        {
            return null;
        }
        var (set, culture) = slot;
        var members = await db.ContentItems.AsNoTracking()
            .Where(r => r.LocalizationSet == set && (r.Latest || r.Published))
            .Select(r => new { r.ContentItemId, r.Culture, r.Owner }).Take(1000).ToListAsync(cancellationToken);
        var partName = CultureRules.PartOf(item, defs)!;
        if (members.Exists(m => m.Culture == culture && m.ContentItemId != item.ContentItemId))
        {
            return CultureSlot.Taken(partName, set, culture);
        }
        var joining = !members.Exists(m => m.ContentItemId == item.ContentItemId);
        return joining && !user.CanEditOthers && members.Exists(m => m.Owner != user.Id)
            ? CultureSlot.NotYours(partName, set)
            : null;
    }

    /// <summary>A clone is a new piece of content, not a translation: it starts a localization set of its own, as in Orchard.</summary>
    private static ContentItem OutOfItsSet(ContentItem clone, ContentDefinitionSet defs)
    {
        if (CultureRules.PartOf(clone, defs) is { } partName)
        {
            var part = clone.Get<LocalizationPart>(partName);
            part.LocalizationSet = null;
            clone.Apply(partName, part);
        }
        return clone;
    }

    /// <summary>What a writer that lost a race for a culture of a set is told (the database refused the second item).</summary>
    // The failed command's rows when the provider names them, else the rows this write was adding.
    private ContentSaveResult CultureSlotTaken(DbUpdateException e) =>
        e.Entries.Select(x => x.Entity).OfType<ContentItemVersionRow>()
            .Concat(db.ChangeTracker.Entries<ContentItemVersionRow>().Where(x => x.State == EntityState.Added).Select(x => x.Entity))
            .FirstOrDefault(r => r.LocalizationSet is not null) is { LocalizationSet: { } set, Culture: { } culture }
            ? ContentSaveResult.Conflict(CultureSlot.Message(set, culture) + "; nothing was saved")
            : ContentSaveResult.Conflict("the localization set has an item in that culture already; nothing was saved");
}
