using System.Globalization;
using System.Text.Json.Nodes;

namespace ClinicCms.Content.ContentItems;

/// <summary>Reads a JSON number as decimal whether it was parsed from text or set from an int, long or double in code.</summary>
public static class JsonNumbers
{
    /// <summary>The number as decimal, or false when it is beyond decimal's range (about ±7.9e28) or not a number.</summary>
    public static bool TryToDecimal(JsonValue value, out decimal number) =>
        value.TryGetValue(out number)
        || decimal.TryParse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    public static decimal ToDecimal(JsonValue value) =>
        value.TryGetValue<decimal>(out var number)
            ? number
            : decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
