using System.Text.Json;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Recipes.Steps;

/// <summary>
/// Content types that Orchard's modules define in their migrations when the feature is first enabled: recipes
/// written for Orchard create Menu and Taxonomy items without defining those types themselves.
/// </summary>
internal static class FeatureContentTypes
{
    private static readonly Dictionary<string, string> TypesByFeature = new(StringComparer.OrdinalIgnoreCase)
    {
        ["OrchardCore.Menu"] = """
            { "ContentTypeDefinitionRecords": [
                { "Name": "Menu", "DisplayName": "Menu",
                  "Settings": { "ContentTypeSettings": { "Listable": true, "Draftable": true, "Versionable": true } },
                  "ContentTypePartDefinitionRecords": [
                    { "PartName": "TitlePart", "Name": "TitlePart", "Settings": { "ContentTypePartSettings": { "Position": "0" } } },
                    { "PartName": "AliasPart", "Name": "AliasPart", "Settings": { "AliasPartSettings": { "Pattern": "{{ ContentItem | display_text | slugify }}" }, "ContentTypePartSettings": { "Position": "1" } } },
                    { "PartName": "MenuPart", "Name": "MenuPart", "Settings": { "ContentTypePartSettings": { "Position": "2" } } },
                    { "PartName": "MenuItemsListPart", "Name": "MenuItemsListPart", "Settings": { "ContentTypePartSettings": { "Position": "3" } } } ] },
                { "Name": "LinkMenuItem", "DisplayName": "Link Menu Item",
                  "Settings": { "ContentTypeSettings": { "Stereotype": "MenuItem" } },
                  "ContentTypePartDefinitionRecords": [
                    { "PartName": "LinkMenuItemPart", "Name": "LinkMenuItemPart", "Settings": { "ContentTypePartSettings": { "Position": "0" } } } ] },
                { "Name": "ContentMenuItem", "DisplayName": "Content Menu Item",
                  "Settings": { "ContentTypeSettings": { "Stereotype": "MenuItem" } },
                  "ContentTypePartDefinitionRecords": [
                    { "PartName": "ContentMenuItemPart", "Name": "ContentMenuItemPart", "Settings": { "ContentTypePartSettings": { "Position": "0" } } } ] },
                { "Name": "HtmlMenuItem", "DisplayName": "Html Menu Item",
                  "Settings": { "ContentTypeSettings": { "Stereotype": "MenuItem" } },
                  "ContentTypePartDefinitionRecords": [
                    { "PartName": "HtmlMenuItemPart", "Name": "HtmlMenuItemPart", "Settings": { "ContentTypePartSettings": { "Position": "0" } } } ] } ],
              "ContentPartDefinitionRecords": [] }
            """,
        ["OrchardCore.Taxonomies"] = """
            { "ContentTypeDefinitionRecords": [
                { "Name": "Taxonomy", "DisplayName": "Taxonomy",
                  "Settings": { "ContentTypeSettings": { "Creatable": true, "Listable": true, "Draftable": true, "Versionable": true } },
                  "ContentTypePartDefinitionRecords": [
                    { "PartName": "TitlePart", "Name": "TitlePart", "Settings": { "ContentTypePartSettings": { "Position": "1" } } },
                    { "PartName": "AliasPart", "Name": "AliasPart", "Settings": { "AliasPartSettings": { "Pattern": "{{ Model.ContentItem | display_text | slugify }}" }, "ContentTypePartSettings": { "Position": "2" } } },
                    { "PartName": "AutoroutePart", "Name": "AutoroutePart", "Settings": { "AutoroutePartSettings": { "Pattern": "{{ Model.ContentItem | display_text | slugify }}", "AllowRouteContainedItems": true }, "ContentTypePartSettings": { "Position": "3" } } },
                    { "PartName": "TaxonomyPart", "Name": "TaxonomyPart", "Settings": { "ContentTypePartSettings": { "Position": "4" } } } ] } ],
              "ContentPartDefinitionRecords": [] }
            """,
    };

    public static bool Defines(string featureId) => TypesByFeature.ContainsKey(featureId);

    /// <summary>Adds the feature's types that the site does not have yet; returns their names.</summary>
    public static IEnumerable<string> Apply(string featureId, ContentDefinitionSet definitions)
    {
        if (!TypesByFeature.TryGetValue(featureId, out var json))
        {
            yield break;
        }
        var record = JsonSerializer.Deserialize<ContentDefinitionSet>(json)!;
        foreach (var type in record.Types.Where(t => definitions.FindType(t.Name) is null))
        {
            definitions.AlterType(type);
            yield return type.Name;
        }
    }
}
