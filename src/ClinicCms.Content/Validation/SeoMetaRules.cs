using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Validation;

/// <summary>
/// SeoMetaPart's rules: texts of bounded length, a canonical URL that is absolute http(s), images that are media
/// paths as in a MediaField (one each), custom meta tags of plain strings, and a Google schema that parses as JSON.
/// Texts are kept as written (markup included) and encoded wherever they are shown.
/// </summary>
internal static class SeoMetaRules
{
    public const int MaxCustomMetaTags = 50;
    private const int MaxMetaTagValue = 1000;
    private static readonly string[] MetaTagProperties = ["Name", "Property", "Content", "HttpEquiv", "Charset"];
    private static readonly MediaField Media = new();

    public static void Check(string path, JsonObject? part, List<ContentError> errors)
    {
        JsonValues.Boolean(part, "Render", $"{path}.Render", errors);
        foreach (var (name, maxLength) in SeoMetaPart.Texts)
        {
            var at = $"{path}.{name}";
            if (JsonValues.String(part, name, at, errors) is not { } text)
            {
                continue;
            }
            if (text.Length > maxLength)
            {
                errors.Add(new ContentError(at, $"at most {maxLength} characters, got {text.Length}"));
            }
            else if (name == nameof(SeoMetaPart.Canonical) && text.Length > 0 && CanonicalProblem(text) is { } problem)
            {
                errors.Add(new ContentError(at, problem));
            }
            else if (name == nameof(SeoMetaPart.GoogleSchema) && !string.IsNullOrWhiteSpace(text) && !IsJson(text))
            {
                errors.Add(new ContentError(at, "the Google schema must be JSON (JSON-LD), and this does not parse"));
            }
        }
        foreach (var image in SeoMetaPart.Images)
        {
            var node = part?[image];
            if (node is not null and not JsonObject)
            {
                errors.Add(new ContentError($"{path}.{image}", $"expected a MediaField object, got {ContentItemJson.Describe(node)}"));
                continue;
            }
            Media.Validate(new FieldCheck(SeoMetaPart.ImageField(image), node as JsonObject, $"{path}.{image}", errors));
        }
        CheckMetaTags(part?[SeoMetaPart.CustomMetaTags], $"{path}.{SeoMetaPart.CustomMetaTags}", errors);
    }

    private static string? CanonicalProblem(string text) =>
        HttpUrl.Parse(text) is not null
            && !text.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '<' or '>' or '"')
            ? null
            : "the canonical URL must be an absolute http or https URL, such as https://clinic.example/articles/infusions";

    private static bool IsJson(string text)
    {
        try
        {
            using var _ = JsonDocument.Parse(text);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static void CheckMetaTags(JsonNode? node, string path, List<ContentError> errors)
    {
        if (node is null)
        {
            return;
        }
        if (node is not JsonArray tags)
        {
            errors.Add(new ContentError(path, $"expected an array of meta tags, got {ContentItemJson.Describe(node)}"));
            return;
        }
        if (tags.Count > MaxCustomMetaTags)
        {
            errors.Add(new ContentError(path, $"at most {MaxCustomMetaTags} meta tags, got {tags.Count}"));
            return;
        }
        for (var i = 0; i < tags.Count; i++)
        {
            if (tags[i] is not JsonObject tag)
            {
                errors.Add(new ContentError($"{path}[{i}]", $"expected a meta tag object, got {ContentItemJson.Describe(tags[i])}"));
                continue;
            }
            foreach (var property in MetaTagProperties)
            {
                if (JsonValues.String(tag, property, $"{path}[{i}].{property}", errors) is { Length: > MaxMetaTagValue } value)
                {
                    errors.Add(new ContentError($"{path}[{i}].{property}", $"at most {MaxMetaTagValue} characters, got {value.Length}"));
                }
            }
        }
    }
}
