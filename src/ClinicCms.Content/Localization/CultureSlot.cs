using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Validation;

namespace ClinicCms.Content.Localization;

/// <summary>
/// One item per culture per localization set. Writers check it first, for an error that names the set and the culture;
/// the database holds it too (unique indexes over the latest and over the published versions' set and culture), so
/// two writers racing into one slot cannot both win, and <see cref="IsViolation"/> turns the loser's error into the same message.
/// </summary>
public static class CultureSlot
{
    /// <summary>The names of the unique indexes (on both providers).</summary>
    public const string LatestIndex = "UX_ContentItemVersions_LatestCulture";
    public const string PublishedIndex = "UX_ContentItemVersions_PublishedCulture";

    /// <summary>The item's (set, culture) when its type has LocalizationPart and both are set; null otherwise.</summary>
    public static (string Set, string Culture)? Of(ContentItem item, ContentDefinitionSet definitions)
    {
        if (CultureRules.PartOf(item, definitions) is not { } partName)
        {
            return null;
        }
        var part = item.Get<LocalizationPart>(partName);
        return part is { LocalizationSet: { Length: > 0 } set, Culture: { Length: > 0 } culture } ? (set, culture) : null;
    }

    /// <summary>The error of an item whose (set, culture) another item holds.</summary>
    public static ContentError Taken(string partName, string set, string culture) =>
        new($"{partName}.Culture", Message(set, culture) + ": a localization set has one item per culture");

    /// <summary>The error of an item joining a set that holds items the writer may not edit.</summary>
    public static ContentError NotYours(string partName, string set) =>
        new($"{partName}.LocalizationSet",
            $"the localization set '{CultureName.Shown(set)}' holds items you may not edit: only a user who may edit every item of the type adds items to it");

    /// <summary>What a writer is told when the slot is taken.</summary>
    public static string Message(string set, string culture) =>
        $"the localization set '{CultureName.Shown(set)}' has an item in {CultureName.Shown(culture)} already";

    /// <summary>Whether a database error is a refusal by one of the slot's unique indexes.</summary>
    public static bool IsViolation(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            // PostgreSQL names the index; SQLite names its columns.
            if (e.Message.Contains(LatestIndex, StringComparison.Ordinal) || e.Message.Contains(PublishedIndex, StringComparison.Ordinal)
                || e.Message.Contains("ContentItemVersions.LocalizationSet, ContentItemVersions.Culture", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
