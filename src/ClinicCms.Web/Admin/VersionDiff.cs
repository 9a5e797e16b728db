using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Web.Admin;

/// <summary>Two versions value by value, each value under its display name (<see cref="VersionFields"/>), in the edit form's order.</summary>
public static class VersionDiff
{
    public sealed record Row(string Key, string Label, string Kind, string? Left, string? Right, bool Technical)
    {
        public bool Changed => (Left ?? "") != (Right ?? "");

        /// <summary>The two sides word by word, for the <c>del</c> and <c>ins</c> marks.</summary>
        public (List<WordDiff.Piece> Left, List<WordDiff.Piece> Right) Words() => WordDiff.Compare(Left, Right);
    }

    public static List<Row> Compare(ContentItem left, ContentItem right, ContentTypeDefinition? type, ContentDefinitionSet definitions)
    {
        var a = VersionFields.Read(left, type, definitions);
        var b = VersionFields.Read(right, type, definitions);
        var byKey = b.ToDictionary(f => f.Key, StringComparer.Ordinal);
        var rows = a.Select(f => new Row(f.Key, f.Label, f.Kind, f.Text, byKey.GetValueOrDefault(f.Key)?.Text, f.Technical)).ToList();
        // Values only the right side has (a part added since), in its order.
        var seen = a.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        rows.AddRange(b.Where(f => !seen.Contains(f.Key)).Select(f => new Row(f.Key, f.Label, f.Kind, null, f.Text, f.Technical)));
        return rows;
    }
}
