using System.Globalization;
using System.Text.Json.Nodes;

namespace ClinicCms.Content.ContentItems;

/// <summary>Reads a JSON number as decimal whether it was parsed from text or set from an int, long or double in code.</summary>
public static class JsonNumbers
{
    public static decimal ToDecimal(JsonValue value) =>
        value.TryGetValue<decimal>(out var number)
            ? number
            : decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture);
}
