using System.Text.Json;

namespace ClinicCms.Content.Definitions;

/// <summary>
/// The content types a definitions save touched: added, removed, or changed, where a type also changes when a part
/// definition it uses changes (its items' shape does). A part no type uses touches no type.
/// </summary>
public static class ChangedTypes
{
    public static List<string> Between(ContentDefinitionSet before, ContentDefinitionSet after)
    {
        var beforeTypes = before.Types.DistinctBy(t => t.Name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var afterTypes = after.Types.DistinctBy(t => t.Name).ToDictionary(t => t.Name, StringComparer.Ordinal);
        var changedParts = PartNames(before).Union(PartNames(after))
            .Where(p => Json(before.FindPart(p)) != Json(after.FindPart(p)))
            .ToHashSet(StringComparer.Ordinal);
        return [.. beforeTypes.Keys.Union(afterTypes.Keys, StringComparer.Ordinal)
            .Where(name => !beforeTypes.TryGetValue(name, out var old) || !afterTypes.TryGetValue(name, out var now)
                || Json(old) != Json(now) || now.Parts.Exists(p => changedParts.Contains(p.PartName)))
            .Order(StringComparer.Ordinal)];
    }

    private static IEnumerable<string> PartNames(ContentDefinitionSet set) => set.Parts.Select(p => p.Name);

    private static string Json<T>(T? value) => value is null ? "" : JsonSerializer.Serialize(value);
}
