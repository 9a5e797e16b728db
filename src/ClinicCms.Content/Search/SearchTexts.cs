using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Search;

/// <summary>
/// Turns a version into its <see cref="SearchDocument"/>: the title, body parts and text, Markdown and HTML fields
/// its type's <see cref="SearchSettings"/> search, as plain text (HTML tags dropped, entities decoded).
/// </summary>
public static class SearchTexts
{
    /// <summary>
    /// The document of a version, or null when its type is unknown or not searched. <paramref name="culture"/> is the
    /// version's Culture column, so that a search's culture filter finds what a list's does; the words of a version
    /// with none are stemmed in the site's default culture.
    /// </summary>
    public static SearchDocument? Of(ContentItem item, string? culture, bool published, bool latest, ContentDefinitionSet definitions, string? defaultCulture)
    {
        if (definitions.FindType(item.ContentType) is not { } type || SearchSettings.Of(type) is not { Disabled: false } settings)
        {
            return null;
        }
        var texts = new Dictionary<SearchWeight, StringBuilder>();
        Add(texts, settings.WeightOf(SearchSettings.DisplayText), item.DisplayText);
        foreach (var typePart in type.Parts)
        {
            var text = typePart.PartName switch
            {
                PartNames.HtmlBodyPart => PlainText(item.Part(typePart.Name).GetString("Html")),
                PartNames.MarkdownBodyPart => item.Part(typePart.Name).GetString("Markdown"),
                _ => null,
            };
            Add(texts, settings.WeightOf(typePart.Name), text);
        }
        foreach (var (typePart, field) in definitions.FieldsOf(type))
        {
            var value = item.Field(typePart.Name, field.Name);
            var text = field.FieldName switch
            {
                "TextField" => value.GetString("Text"),
                "MarkdownField" => value.GetString("Markdown"),
                "HtmlField" => PlainText(value.GetString("Html")),
                _ => null,
            };
            Add(texts, settings.WeightOf($"{typePart.Name}.{field.Name}"), text);
        }
        return new SearchDocument(item.ContentItemId, item.ContentItemVersionId, item.ContentType, culture, SearchLanguage.For(culture ?? defaultCulture),
            published, latest, item.Owner, Text(texts, SearchWeight.High), Text(texts, SearchWeight.Normal), Text(texts, SearchWeight.Low));
    }

    /// <summary>The text of an HTML fragment: tags dropped (each leaves a space, so words do not run together), entities decoded.</summary>
    public static string? PlainText(string? html)
    {
        if (string.IsNullOrEmpty(html))
        {
            return html;
        }
        var text = new StringBuilder(html.Length);
        var i = 0;
        while (i < html.Length)
        {
            var c = html[i];
            if (c != '<')
            {
                text.Append(c);
                i++;
                continue;
            }
            var end = html.IndexOf('>', i);
            if (end < 0)
            {
                break;
            }
            var tag = html.AsSpan(i, end - i + 1);
            i = end + 1;
            // Sanitized HTML has no script or style, but unsanitized fields may: their content is not text.
            foreach (var hidden in (string[])["script", "style"])
            {
                if (tag.StartsWith("<" + hidden, StringComparison.OrdinalIgnoreCase))
                {
                    var close = html.IndexOf("</" + hidden, i, StringComparison.OrdinalIgnoreCase);
                    i = close < 0 ? html.Length : close;
                }
            }
            text.Append(' ');
        }
        return WebUtility.HtmlDecode(text.ToString());
    }

    private static void Add(Dictionary<SearchWeight, StringBuilder> texts, SearchWeight weight, string? text)
    {
        if (weight == SearchWeight.Off || string.IsNullOrWhiteSpace(text))
        {
            return;
        }
        if (!texts.TryGetValue(weight, out var builder))
        {
            texts[weight] = builder = new StringBuilder();
        }
        (builder.Length == 0 ? builder : builder.Append('\n')).Append(Clean(text));
    }

    // The snippet markers (see SearchSnippets) and other control characters never come from the content.
    private static string Clean(string text) =>
        text.Any(c => char.IsControl(c) && c != '\n') ? new string([.. text.Select(c => char.IsControl(c) && c != '\n' ? ' ' : c)]) : text;

    private static string Text(Dictionary<SearchWeight, StringBuilder> texts, SearchWeight weight) =>
        texts.TryGetValue(weight, out var builder) ? builder.ToString() : "";
}
