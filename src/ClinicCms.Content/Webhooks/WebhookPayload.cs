using System.Text;
using System.Text.Json;
using ClinicCms.Content.Changes;

namespace ClinicCms.Content.Webhooks;

/// <summary>
/// The JSON body of a delivery: <c>{ "type", "timestamp", "data": { "contentItemId", "contentItemVersionId",
/// "contentType", "path", "displayText", "cacheTags" } }</c>. Written once, stored, and sent byte for byte on every
/// attempt, so its signature always covers what the receiver reads.
/// </summary>
public static class WebhookPayload
{
    /// <summary>What a delivery says about the changed item (or media file); any value may be null.</summary>
    /// <param name="IsMedia">True when <paramref name="Path"/> is a media file's path, tagged <c>media:{path}</c>.</param>
    public sealed record Subject(string? ContentItemId, string? ContentItemVersionId, string? ContentType, string? Path, string? DisplayText, bool IsMedia = false);

    public static string Write(string eventType, DateTimeOffset timestamp, Subject subject)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("type", eventType);
            json.WriteString("timestamp", timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", System.Globalization.CultureInfo.InvariantCulture));
            json.WriteStartObject("data");
            json.WriteString("contentItemId", subject.ContentItemId);
            json.WriteString("contentItemVersionId", subject.ContentItemVersionId);
            json.WriteString("contentType", subject.ContentType);
            json.WriteString("path", subject.Path);
            json.WriteString("displayText", subject.DisplayText);
            json.WriteStartArray("cacheTags");
            foreach (var tag in TagsOf(subject))
            {
                json.WriteStringValue(tag);
            }
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>The same tags a GraphQL answer that showed the item carries: its type's and its own; a media file's own.</summary>
    public static IEnumerable<string> TagsOf(Subject subject)
    {
        if (subject.IsMedia && subject.Path is not null)
        {
            yield return CacheTags.Media(subject.Path);
        }
        if (subject.ContentType is not null)
        {
            yield return CacheTags.Type(subject.ContentType);
        }
        if (subject.ContentItemId is not null)
        {
            yield return CacheTags.Item(subject.ContentItemId);
        }
    }
}
