using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Content.ContentItems;

/// <summary>Typed access to parts and fields, editing the JSON in place so that values ClinicCms does not know are kept.</summary>
public static class ContentItemExtensions
{
    private static readonly JsonSerializerOptions ReadOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowReadingFromString,
    };

    public static JsonObject? Part(this ContentItem item, string partName) => item.Parts[partName] as JsonObject;

    public static JsonObject GetOrCreatePart(this ContentItem item, string partName)
    {
        if (item.Parts[partName] is JsonObject part)
        {
            return part;
        }
        part = [];
        item.Parts[partName] = part;
        return part;
    }

    public static JsonObject? Field(this ContentItem item, string partName, string fieldName) =>
        item.Part(partName)?[fieldName] as JsonObject;

    /// <summary>Reads a string property of a part, such as TitlePart.Title; null when absent or not a string.</summary>
    public static string? GetString(this JsonObject? part, string property) =>
        part?[property] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;

    public static T? Get<T>(this JsonObject? node) where T : class =>
        node?.Deserialize<T>(ReadOptions);
}
