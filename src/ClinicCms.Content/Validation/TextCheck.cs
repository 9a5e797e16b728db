using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Content.Validation;

/// <summary>
/// Finds text that is not valid Unicode: an unpaired UTF-16 surrogate (JSON "\ud800") cannot be stored as UTF-8 or
/// written back out, so it is refused with the path of the value rather than failing later in the store.
/// </summary>
public static class TextCheck
{
    public const string Problem = "the text has an unpaired UTF-16 surrogate (such as \\ud800), which is not valid Unicode";

    /// <summary>The JSON path of the first invalid string (a value or a property name) under <paramref name="node"/>, or null.</summary>
    public static string? FindInvalid(JsonNode? node, string path)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json)
                {
                    var child = path.Length == 0 ? key : $"{path}.{key}";
                    if (!IsValid(key))
                    {
                        return child;
                    }
                    if (FindInvalid(value, child) is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (FindInvalid(array[i], $"{path}[{i}]") is { } found)
                    {
                        return found;
                    }
                }
                return null;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                try
                {
                    return IsValid(value.GetValue<string>()) ? null : path;
                }
                catch (InvalidOperationException)
                {
                    return path; // System.Text.Json refuses to read an escaped lone surrogate as a string
                }
            default:
                return null;
        }
    }

    public static bool IsValid(string? text)
    {
        if (text is null)
        {
            return true;
        }
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
