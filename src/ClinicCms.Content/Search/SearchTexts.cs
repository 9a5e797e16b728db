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
        Collect(item, culture, published, latest, definitions, defaultCulture)?.Build();

    /// <summary>
    /// The texts <see cref="Of"/> takes from a version, as stored. Reading them touches the item's and the definitions'
    /// JSON, which is not safe on two threads at once; <see cref="CollectedTexts.Build"/> touches only strings, so
    /// documents can be built on every core once their texts are collected on one.
    /// </summary>
    internal static CollectedTexts? Collect(ContentItem item, string? culture, bool published, bool latest, ContentDefinitionSet definitions, string? defaultCulture)
    {
        if (definitions.FindType(item.ContentType) is not { } type || SearchSettings.Of(type) is not { Disabled: false } settings)
        {
            return null;
        }
        var texts = new List<(SearchWeight, string?, bool)>();
        texts.Add((settings.WeightOf(SearchSettings.DisplayText), item.DisplayText, false));
        foreach (var typePart in type.Parts)
        {
            var text = typePart.PartName switch
            {
                PartNames.HtmlBodyPart => (item.Part(typePart.Name).GetString("Html"), true),
                PartNames.MarkdownBodyPart => (item.Part(typePart.Name).GetString("Markdown"), false),
                _ => ((string?)null, false),
            };
            texts.Add((settings.WeightOf(typePart.Name), text.Item1, text.Item2));
        }
        foreach (var (typePart, field) in definitions.FieldsOf(type))
        {
            var value = item.Field(typePart.Name, field.Name);
            var text = field.FieldName switch
            {
                "TextField" => (value.GetString("Text"), false),
                "MarkdownField" => (value.GetString("Markdown"), false),
                "HtmlField" => (value.GetString("Html"), true),
                _ => ((string?)null, false),
            };
            texts.Add((settings.WeightOf($"{typePart.Name}.{field.Name}"), text.Item1, text.Item2));
        }
        return new CollectedTexts(item.ContentItemId, item.ContentItemVersionId, item.ContentType, culture, SearchLanguage.For(culture ?? defaultCulture),
            published, latest, item.Owner, texts);
    }

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
