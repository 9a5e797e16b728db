using System.Text.Json;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.StructuredData;

/// <summary>
/// An FAQ as a schema.org Question whose acceptedAnswer is an Answer. The answer's text is its Markdown rendered to
/// sanitized HTML, which schema.org's Answer text (and Google's FAQ rich results) allow.
/// </summary>
internal static class QuestionJsonLd
{
    public const string Type = "Question";

    public static void Write(Utf8JsonWriter writer, ContentItem item, JsonLdSources sources, bool context)
    {
        writer.WriteStartObject();
        JsonLdWriting.Type(writer, Type, context);
        JsonLdWriting.Text(writer, "name", item.DisplayText);
        var answer = item.Field(item.ContentType, "Answer").GetString("Markdown");
        if (!string.IsNullOrWhiteSpace(answer) && sources.MarkdownToSafeHtml(answer) is { Length: > 0 } html)
        {
            writer.WriteStartObject("acceptedAnswer");
            JsonLdWriting.Type(writer, "Answer", context: false);
            JsonLdWriting.Text(writer, "text", html);
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
    }
}
