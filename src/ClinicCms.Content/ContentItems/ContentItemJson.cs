using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Content.ContentItems;

/// <summary>Reads and writes content items in Orchard Core's JSON shape (root values first, in Orchard's order, then parts).</summary>
public static class ContentItemJson
{
    public static readonly JsonSerializerOptions DocumentOptions = new()
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    // YesSql's document id, found in Orchard exports: not part of an item, so neither read nor kept.
    private const string DocumentId = "Id";

    public static bool IsRootKey(string key) => key == DocumentId || ContentItemRoot.Find(key) is not null;

    public static JsonObject ToJson(ContentItem item)
    {
        var json = new JsonObject();
        foreach (var root in ContentItemRoot.Values)
        {
            json[root.Name] = root.Get(item) switch
            {
                string text => text,
                bool flag => flag,
                DateTime date => FormatDate(date),
                _ => null,
            };
        }
        foreach (var (key, value) in item.Parts)
        {
            json[key] = value?.DeepClone();
        }
        return json;
    }

    /// <summary>The parts alone, as stored in the database column next to the indexed root values.</summary>
    public static string SerializeParts(ContentItem item) => item.Parts.ToJsonString(DocumentOptions);

    /// <summary>
    /// Reads an item as Orchard does: well-known keys case-sensitively, any other key kept when its value is an
    /// object or array. Throws <see cref="ContentJsonException"/> with the JSON path of a malformed root value.
    /// </summary>
    public static ContentItem FromJson(JsonObject json)
    {
        var item = new ContentItem();
        foreach (var (key, value) in json)
        {
            if (ContentItemRoot.Find(key) is { } root)
            {
                root.Set(item, Read(root, key, value));
            }
            else if (key != DocumentId && value is JsonObject or JsonArray)
            {
                item.Parts[key] = value.DeepClone();
            }
        }
        return item;
    }

    public static ContentItem ParseParts(ContentItem rootValues, string partsJson)
    {
        rootValues.Parts = JsonNode.Parse(partsJson) as JsonObject ?? [];
        return rootValues;
    }

    public static string? FormatDate(DateTime? value) =>
        value?.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.fffffffZ", CultureInfo.InvariantCulture);

    public static DateTime? ParseDate(string? text) =>
        string.IsNullOrEmpty(text)
            ? null
            : DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var date)
                ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
                : throw new FormatException($"'{text}' is not a date");

    private static object? Read(RootValue root, string key, JsonNode? value) =>
        root.ClrType == typeof(bool) ? (object)ReadBool(key, value)
        : root.ClrType == typeof(DateTime) ? ReadDate(key, value)
        : ReadString(key, value);

    private static string? ReadString(string key, JsonNode? value) => value switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        _ => throw new ContentJsonException(key, $"expected a string, got {Describe(value)}"),
    };

    private static bool ReadBool(string key, JsonNode? value) => value switch
    {
        null => false,
        JsonValue v when v.TryGetValue<bool>(out var b) => b,
        _ => throw new ContentJsonException(key, $"expected true or false, got {Describe(value)}"),
    };

    private static DateTime? ReadDate(string key, JsonNode? value)
    {
        var text = ReadString(key, value);
        try
        {
            return ParseDate(text);
        }
        catch (FormatException)
        {
            throw new ContentJsonException(key, $"expected an ISO 8601 date, got \"{text}\"");
        }
    }

    public static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "an array",
        _ => value.GetValueKind() == JsonValueKind.String ? $"\"{value.GetValue<string>()}\"" : value.ToJsonString(),
    };
}
