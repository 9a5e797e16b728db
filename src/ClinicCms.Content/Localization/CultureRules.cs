using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Validation;

namespace ClinicCms.Content.Localization;

/// <summary>
/// What Orchard's LocalizationPart handler does before a save, and the site's rule on cultures: an item of a type with
/// the part gets a localization set of its own and the site's default culture when it has none; its culture must be
/// one of the site's (any well-formed name when the site has no LocalizationSettings).
/// </summary>
public static class CultureRules
{
    /// <summary>
    /// Fills an empty localization set and culture of an item whose type has the part: from the item's stored version
    /// when it has one (a new version stays in its set), else a new set and the site's default culture.
    /// </summary>
    public static void FillDefaults(ContentItem item, ContentDefinitionSet definitions, LocalizationSettings? settings,
        string? storedSet = null, string? storedCulture = null)
    {
        if (PartOf(item, definitions) is not { } partName)
        {
            return;
        }
        // A value of the wrong kind ("Culture": 5) is left for validation to name, not replaced by a default.
        if (item.Parts[partName] is { } raw && (raw is not JsonObject values || WrongKind(values["Culture"]) || WrongKind(values["LocalizationSet"])))
        {
            return;
        }
        var part = item.Get<LocalizationPart>(partName);
        if (!string.IsNullOrEmpty(part.LocalizationSet) && !string.IsNullOrEmpty(part.Culture))
        {
            return;
        }
        if (string.IsNullOrEmpty(part.LocalizationSet))
        {
            part.LocalizationSet = string.IsNullOrEmpty(storedSet) ? IdGenerator.NewId() : storedSet;
        }
        if (string.IsNullOrEmpty(part.Culture))
        {
            part.Culture = string.IsNullOrEmpty(storedCulture) ? settings?.DefaultCulture : storedCulture;
        }
        item.Apply(partName, part);
    }

    private static bool WrongKind(JsonNode? value) => value is not null && value.GetValueKind() != JsonValueKind.String;

    /// <summary>An error when the item's culture is not one of the site's; none for an item without a culture.</summary>
    public static List<ContentError> Check(ContentItem item, ContentDefinitionSet definitions, LocalizationSettings? settings)
    {
        if (PartOf(item, definitions) is not { } partName)
        {
            return [];
        }
        var culture = item.Get<LocalizationPart>(partName).Culture;
        if (string.IsNullOrEmpty(culture) || !CultureName.IsValid(culture) || settings is null || settings.Supports(culture))
        {
            return []; // a malformed name is the validator's error
        }
        return [new ContentError($"{partName}.Culture",
            $"the culture '{culture}' is not one of the site's cultures ({string.Join(", ", settings.SupportedCultures)})")];
    }

    /// <summary>The name of the item type's LocalizationPart, or null when the type has none.</summary>
    public static string? PartOf(ContentItem item, ContentDefinitionSet definitions) =>
        definitions.FindType(item.ContentType)?.Parts.FirstOrDefault(p => p.PartName == PartNames.LocalizationPart)?.Name;
}
