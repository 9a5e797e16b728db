using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Content.Scheduling;

/// <summary>The UTC dates of the scheduling parts, read and written as Orchard writes them (ISO 8601, <c>Z</c>).</summary>
public static class UtcDates
{
    /// <summary>The date in <paramref name="property"/>, in UTC; null when absent, null or not a date (validation reports that).</summary>
    public static DateTime? Read(JsonObject? json, string property) =>
        json?[property] is JsonValue value && value.GetValueKind() == JsonValueKind.String && TryParse(value.GetValue<string>(), out var date) ? date : null;

    /// <summary>Parses an ISO 8601 date; one without an offset is taken as UTC.</summary>
    public static bool TryParse(string? text, out DateTime utc)
    {
        var parsed = DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var offset);
        utc = parsed ? offset.UtcDateTime : default;
        return parsed;
    }

    public static JsonNode? ToJson(DateTime? date) =>
        date is { } d ? JsonValue.Create(DateTime.SpecifyKind(d, DateTimeKind.Utc).ToString("yyyy-MM-ddTHH:mm:ss.FFFFFFFZ", CultureInfo.InvariantCulture)) : null;

    /// <summary>How a date is shown in messages: ISO 8601 in UTC.</summary>
    public static string Show(DateTime date) => date.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
}
