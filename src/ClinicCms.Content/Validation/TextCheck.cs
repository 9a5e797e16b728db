using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Content.Validation;

/// <summary>
/// Finds text that cannot be stored: an unpaired UTF-16 surrogate (JSON "\ud800") is not valid Unicode and cannot be
/// written as UTF-8, and PostgreSQL keeps no NUL character; either is refused with the path of the value rather than
/// failing later in the store.
/// </summary>
public static class TextCheck
{
    public const string Problem = "the text has an unpaired UTF-16 surrogate (such as \\ud800) or a NUL character (\\u0000), which cannot be stored";

    /// <summary>The JSON path of the first invalid string (a value or a property name) under <paramref name="node"/>, or null.</summary>
    public static string? FindInvalid(JsonNode? node, string path)
    {
        // Whole recipes are checked: the path is built only for the value that fails.
        if (Find(node) is not { } found)
        {
            return null;
        }
        return path.Length == 0 && found.StartsWith('.') ? found[1..] : path + found;
    }

    /// <summary>The path below <paramref name="node"/> (".key" or "[i]" segments, "" for the node itself) of the first invalid string, or null.</summary>
    private static string? Find(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject json:
                try
                {
                    foreach (var (key, value) in json)
                    {
                        if (!IsValid(key))
                        {
                            return "." + key;
                        }
                        if (Find(value) is { } found)
                        {
                            return $".{key}{found}";
                        }
                    }
                }
                catch (InvalidOperationException)
                {
                    return ""; // System.Text.Json cannot even read one of this object's parsed names: the object is at fault
                }
                return null;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (Find(array[i]) is { } found)
                    {
                        return $"[{i}]{found}";
                    }
                }
                return null;
            case JsonValue value:
                return IsValid(value) ? null : "";
            default:
                return null;
        }
    }

    private static bool IsValid(JsonValue value)
    {
        if (value.TryGetValue<JsonElement>(out var element))
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                return true;
            }
            // Parsed UTF-8 holds a lone surrogate only as an escape ("\ud800"): text without "\u" needs no decoding.
            if (JsonMarshal.GetRawUtf8Value(element).IndexOf("\\u"u8) < 0)
            {
                return true;
            }
            try
            {
                return IsValid(element.GetString());
            }
            catch (InvalidOperationException)
            {
                return false; // System.Text.Json refuses to read an escaped lone surrogate as a string
            }
        }
        return value.GetValueKind() != JsonValueKind.String || !value.TryGetValue<string>(out var text) || IsValid(text);
    }

    /// <summary>
    /// Whether the text is plain text people write: no markup (&lt; or &gt;), no control characters (but line breaks and
    /// tabs when <paramref name="multiline"/>), and no direction overrides.
    /// </summary>
    public static bool IsPlainText(string text, bool multiline) =>
        text.AsSpan().IndexOfAny('<', '>') < 0
        && !text.Any(c => char.IsControl(c) && !(multiline && c is '\n' or '\r' or '\t'))
        && !HasBidiControl(text);

    /// <summary>Whether the text holds a bidirectional embedding, override or isolate, which can make a name read as another.</summary>
    public static bool HasBidiControl(string text) => text.AsSpan().IndexOfAnyInRange('\u202A', '\u202E') >= 0 || text.AsSpan().IndexOfAnyInRange('\u2066', '\u2069') >= 0;

    public static bool IsValid(string? text)
    {
        if (text is null)
        {
            return true;
        }
        if (text.Contains('\0', StringComparison.Ordinal))
        {
            return false; // PostgreSQL stores no NUL in text or jsonb
        }
        var start = text.AsSpan().IndexOfAnyInRange('\uD800', '\uDFFF');
        if (start < 0)
        {
            return true;
        }
        for (var i = start; i < text.Length; i++)
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
