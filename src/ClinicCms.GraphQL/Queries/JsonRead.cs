using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.GraphQL.Queries;

/// <summary>Typed reads of stored field JSON for resolvers; a value of the wrong kind reads as null, never throws.</summary>
internal static class JsonRead
{
    public static string? String(JsonObject? owner, string property) =>
        owner?[property] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    public static decimal? Decimal(JsonObject? owner, string property) => owner?[property] is JsonValue v
        ? v.GetValueKind() switch
        {
            JsonValueKind.Number => JsonNumbers.ToDecimal(v),
            JsonValueKind.String when decimal.TryParse(v.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => d,
            _ => null,
        }
        : null;

    public static bool? Boolean(JsonObject? owner, string property) =>
        owner?[property] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : null;

    public static DateTime? Date(JsonObject? owner, string property) =>
        DateTime.TryParse(String(owner, property), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
            : null;

    public static TimeSpan? Time(JsonObject? owner, string property) =>
        TimeSpan.TryParse(String(owner, property), CultureInfo.InvariantCulture, out var time) ? time : null;

    // A plain loop: pickers read their ids once per item of a list, and the LINQ chain allocated per step.
    public static List<string> Strings(JsonObject? owner, string property)
    {
        if (owner?[property] is not JsonArray array)
        {
            return [];
        }
        var strings = new List<string>(array.Count);
        foreach (var node in array)
        {
            if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
            {
                strings.Add(value.GetValue<string>());
            }
        }
        return strings;
    }
}
