using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Fields;

/// <summary>Lenient reads of field JSON for indexing and editors: a value of the wrong kind reads as null or empty.</summary>
public static class FieldJson
{
    public static List<string> Strings(JsonObject? owner, string property) =>
        owner?[property] is JsonArray array ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList() : [];

    public static JsonArray Array(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode)v)]);

    public static DateTime? UtcDate(string? text) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
            ? DateTime.SpecifyKind(date, DateTimeKind.Utc) : null;

    public static string? TimeOfDay(string? text) =>
        TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var time) ? time.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture) : null;

    public static double? Number(JsonNode? node) => node is JsonValue value
        ? value.GetValueKind() switch
        {
            JsonValueKind.Number => (double)JsonNumbers.ToDecimal(value),
            JsonValueKind.String when double.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        }
        : null;

    public static bool? Flag(JsonNode? node) =>
        node is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? b.GetValue<bool>() : null;
}
