using System.Text.Json;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Audit;

/// <summary>
/// Names the content types and parts a definitions save added, changed or removed, and for a changed one what in it
/// changed (display name, settings, parts or fields added, removed or with new settings), for its audit row.
/// </summary>
public static class DefinitionChanges
{
    public static string? Describe(ContentDefinitionSet before, ContentDefinitionSet after)
    {
        var notes = Compare("type", before.Types.ToDictionary(t => t.Name), after.Types.ToDictionary(t => t.Name), TypeChanges)
            .Concat(Compare("part", before.Parts.ToDictionary(p => p.Name), after.Parts.ToDictionary(p => p.Name), PartChanges))
            .ToList();
        return notes.Count == 0 ? null : string.Join("; ", notes);
    }

    private static IEnumerable<string> Compare<T>(string what, Dictionary<string, T> before, Dictionary<string, T> after, Func<T, T, List<string>> changes)
    {
        var added = after.Keys.Except(before.Keys).Order(StringComparer.Ordinal).ToList();
        var removed = before.Keys.Except(after.Keys).Order(StringComparer.Ordinal).ToList();
        var changed = after.Keys.Intersect(before.Keys).Where(k => Json(before[k]) != Json(after[k])).Order(StringComparer.Ordinal)
            .Select(k => changes(before[k], after[k]) is { Count: > 0 } inside ? $"{k} ({string.Join(", ", inside)})" : k)
            .ToList();
        if (added.Count > 0) yield return $"{what} added: {string.Join(", ", added)}";
        if (changed.Count > 0) yield return $"{what} changed: {string.Join(", ", changed)}";
        if (removed.Count > 0) yield return $"{what} removed: {string.Join(", ", removed)}";
    }

    private static List<string> TypeChanges(ContentTypeDefinition before, ContentTypeDefinition after)
    {
        var notes = new List<string>();
        if (before.DisplayName != after.DisplayName) notes.Add("display name");
        if (Json(before.Settings) != Json(after.Settings)) notes.Add("settings");
        notes.AddRange(Members("part", before.Parts, after.Parts, p => p.Name));
        return notes;
    }

    private static List<string> PartChanges(ContentPartDefinition before, ContentPartDefinition after)
    {
        var notes = new List<string>();
        if (Json(before.Settings) != Json(after.Settings)) notes.Add("settings");
        notes.AddRange(Members("field", before.Fields, after.Fields, f => f.Name));
        return notes;
    }

    private static IEnumerable<string> Members<T>(string what, List<T> beforeList, List<T> afterList, Func<T, string> nameOf)
    {
        var before = beforeList.DistinctBy(nameOf).ToDictionary(nameOf); // a duplicate name is the validator's to report, not this note's
        var after = afterList.DistinctBy(nameOf).ToDictionary(nameOf);
        foreach (var name in after.Keys.Except(before.Keys).Order(StringComparer.Ordinal)) yield return $"{what} {name} added";
        foreach (var name in after.Keys.Intersect(before.Keys).Where(k => Json(before[k]) != Json(after[k])).Order(StringComparer.Ordinal)) yield return $"{what} {name} changed";
        foreach (var name in before.Keys.Except(after.Keys).Order(StringComparer.Ordinal)) yield return $"{what} {name} removed";
        var kept = beforeList.Select(nameOf).Where(after.ContainsKey);
        if (!kept.SequenceEqual(afterList.Select(nameOf).Where(before.ContainsKey)))
        {
            yield return $"{what}s reordered";
        }
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value);
}
