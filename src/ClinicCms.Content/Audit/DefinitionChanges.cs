using System.Text.Json;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Audit;

/// <summary>Names the content types and parts a definitions save added, changed or removed, for its audit row.</summary>
public static class DefinitionChanges
{
    public static string? Describe(ContentDefinitionSet before, ContentDefinitionSet after)
    {
        var notes = Compare("type", before.Types.ToDictionary(t => t.Name, Json), after.Types.ToDictionary(t => t.Name, Json))
            .Concat(Compare("part", before.Parts.ToDictionary(p => p.Name, Json), after.Parts.ToDictionary(p => p.Name, Json)))
            .ToList();
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    private static IEnumerable<string> Compare(string what, Dictionary<string, string> before, Dictionary<string, string> after)
    {
        var added = after.Keys.Except(before.Keys).Order(StringComparer.Ordinal).ToList();
        var removed = before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).ToList();
        var changed = after.Keys.Intersect(before.Keys).Where(k => before[k] != after[k]).Order(StringComparer.Ordinal).ToList();
        if (added.Count > 0) yield return $"{what} added: {string.Join(", ", added)}";
        if (changed.Count > 0) yield return $"{what} changed: {string.Join(", ", changed)}";
        if (removed.Count > 0) yield return $"{what} removed: {string.Join(", ", removed)}";
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
