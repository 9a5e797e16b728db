using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Validation;

/// <summary>Reads typed values out of part and field JSON, adding an error with its path when a value has the wrong kind.</summary>
internal static class JsonValues
{
    public static string? String(JsonObject? owner, string property, string path, List<ContentError> errors)
    {
        var node = owner?[property];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }
        errors.Add(new ContentError(path, $"expected a string in {property}, got {ContentItemJson.Describe(node)}"));
        return null;
    }

    /// <summary>A number, or a string holding one (Orchard reads numbers in strings).</summary>
    public static decimal? Number(JsonObject? owner, string property, string path, List<ContentError> errors)
    {
        var node = owner?[property];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value)
        {
            if (value.GetValueKind() == JsonValueKind.Number)
            {
                if (ContentItems.JsonNumbers.TryToDecimal(value, out var number))
                {
                    return number;
                }
                errors.Add(new ContentError(path, $"{value.ToJsonString()} is out of range: numbers must lie between -79228162514264337593543950335 and 79228162514264337593543950335"));
                return null;
            }
            if (value.GetValueKind() == JsonValueKind.String &&
                decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                return parsed;
            }
        }
        errors.Add(new ContentError(path, $"expected a number, got {ContentItemJson.Describe(node)}"));
        return null;
    }

    public static bool? Boolean(JsonObject? owner, string property, string path, List<ContentError> errors)
    {
        var node = owner?[property];
        if (node is null)
        {
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetValue<bool>();
        }
        errors.Add(new ContentError(path, $"expected true or false, got {ContentItemJson.Describe(node)}"));
        return null;
    }

    public static List<string>? Strings(JsonObject? owner, string property, string path, List<ContentError> errors)
    {
        var node = owner?[property];
        if (node is null)
        {
            return null;
        }
        if (node is JsonArray array && array.All(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String))
        {
            return array.Select(v => v!.GetValue<string>()).ToList();
        }
        errors.Add(new ContentError(path, $"expected an array of strings in {property}, got {ContentItemJson.Describe(node)}"));
        return null;
    }
}
