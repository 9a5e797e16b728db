using System.Buffers;
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
    public static SearchDocument? Of(ContentItem item, string? culture, bool published, bool latest, ContentDefinitionSet definitions, string? defaultCulture) =>
        ShapeOf(item.ContentType, definitions) is { } shape ? Collect(item, culture, published, latest, shape, defaultCulture).Build() : null;

    /// <summary>
    /// Where a type's searched texts are and their weights (the title, then body parts, then fields, in the type's
    /// order), or null when the type is unknown or not searched. Worked out once per type, then read from each item.
    /// </summary>
    internal static List<TextSource>? ShapeOf(string contentType, ContentDefinitionSet definitions)
    {
        if (definitions.FindType(contentType) is not { } type || SearchSettings.Of(type) is not { Disabled: false } settings)
        {
            return null;
        }
        var sources = new List<TextSource> { new(settings.WeightOf(SearchSettings.DisplayText), null, null, "", Html: false) };
        foreach (var typePart in type.Parts)
        {
            var property = typePart.PartName switch
            {
                PartNames.HtmlBodyPart => "Html",
                PartNames.MarkdownBodyPart => "Markdown",
                _ => null,
            };
            if (property is not null)
            {
                sources.Add(new(settings.WeightOf(typePart.Name), typePart.Name, null, property, Html: property == "Html"));
            }
        }
        foreach (var (typePart, field) in definitions.FieldsOf(type))
        {
            var property = field.FieldName switch
            {
                "TextField" => "Text",
                "MarkdownField" => "Markdown",
                "HtmlField" => "Html",
                _ => null,
            };
            if (property is not null)
            {
                sources.Add(new(settings.WeightOf($"{typePart.Name}.{field.Name}"), typePart.Name, field.Name, property, Html: property == "Html"));
            }
        }
        sources.RemoveAll(s => s.Weight == SearchWeight.Off);
        return sources;
    }

    /// <summary>
    /// The texts <see cref="Of"/> takes from a version of a type of <paramref name="shape"/>, as stored. Reading them
    /// touches the item's JSON, which is not safe on two threads at once; <see cref="CollectedTexts.Build"/> touches
    /// only strings, so documents can be built on every core once their texts are collected on one.
    /// </summary>
    internal static CollectedTexts Collect(ContentItem item, string? culture, bool published, bool latest, List<TextSource> shape, string? defaultCulture)
    {
        var texts = new List<(SearchWeight, string?, bool)>(shape.Count);
        foreach (var source in shape)
        {
            var text = source.Part is null ? item.DisplayText
                : source.Field is null ? item.Part(source.Part).GetString(source.Property)
                : item.Field(source.Part, source.Field).GetString(source.Property);
            texts.Add((source.Weight, text, source.Html));
        }
        return new CollectedTexts(item.ContentItemId, item.ContentItemVersionId, item.ContentType, culture, SearchLanguage.For(culture ?? defaultCulture),
            published, latest, item.Owner, texts);
    }

    /// <summary>One searched text of a type: the title (no part), a body part's property, or a field's.</summary>
    internal readonly record struct TextSource(SearchWeight Weight, string? Part, string? Field, string Property, bool Html);

    /// <summary>What <see cref="Collect"/> read: the document's keys and each text with its weight, and whether it is HTML.</summary>
    internal sealed record CollectedTexts(
        string ContentItemId, string ContentItemVersionId, string ContentType, string? Culture, SearchLanguage Language, bool Published, bool Latest, string? Owner,
        List<(SearchWeight Weight, string? Text, bool Html)> Texts)
    {
        public SearchDocument Build()
        {
            var byWeight = new Dictionary<SearchWeight, StringBuilder>();
            foreach (var (weight, text, html) in Texts)
            {
                Add(byWeight, weight, html && weight != SearchWeight.Off ? PlainText(text) : text);
            }
            return new SearchDocument(ContentItemId, ContentItemVersionId, ContentType, Culture, Language, Published, Latest, Owner,
                Text(byWeight, SearchWeight.High), Text(byWeight, SearchWeight.Normal), Text(byWeight, SearchWeight.Low));
        }
    }

    private static readonly (string Open, string Close)[] HiddenElements = [("<script", "</script"), ("<style", "</style")];

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
            foreach (var (open, close) in HiddenElements)
            {
                if (tag.StartsWith(open, StringComparison.OrdinalIgnoreCase))
                {
                    var closing = html.IndexOf(close, i, StringComparison.OrdinalIgnoreCase);
                    i = closing < 0 ? html.Length : closing;
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
        text.AsSpan().ContainsAny(ControlCharacters) ? string.Create(text.Length, text, (chars, source) =>
        {
            for (var i = 0; i < chars.Length; i++)
            {
                chars[i] = ControlCharacters.Contains(source[i]) ? ' ' : source[i];
            }
        }) : text;

    private static readonly SearchValues<char> ControlCharacters = SearchValues.Create(
        [.. Enumerable.Range(0, 0xA0).Select(c => (char)c).Where(c => char.IsControl(c) && c != '\n')]);

    private static string Text(Dictionary<SearchWeight, StringBuilder> texts, SearchWeight weight) =>
        texts.TryGetValue(weight, out var builder) ? builder.ToString() : "";
}
