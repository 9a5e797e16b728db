using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Parts;

namespace ClinicCms.Web.Admin;

/// <summary>One value of a version as an editor knows it: "Hero image", not <c>Article.HeroImage.Paths</c>.</summary>
/// <param name="Key">Where the value sits in the item (part, then field), to match the same value in two versions.</param>
/// <param name="Label">The display name from the definitions, or a readable form of the JSON name.</param>
/// <param name="Kind">How it is shown: a field kind (MediaField, ContentPickerField...), Html, Markdown or Text.</param>
/// <param name="Text">The value as plain text (HTML as its source), what the diff compares.</param>
/// <param name="Json">The field's stored JSON, for the preview's images and links; null for part values.</param>
public sealed record VersionField(string Key, string Label, string Kind, string? Text, JsonObject? Json = null)
{
    /// <summary>Parts the store writes for its own rules (review state), not ones an editor fills in.</summary>
    public bool Technical { get; init; }
}

/// <summary>
/// Every value of a version, in the order of the edit form, named by the type's definitions: the parts on the type, the
/// fields of their part definitions, then any other stored part (review state, parts a recipe brought) by readable names.
/// </summary>
public static class VersionFields
{
    public const string Html = "Html";
    public const string Markdown = "Markdown";
    public const string Text = "Text";

    public static List<VersionField> Read(ContentItem item, ContentTypeDefinition? type, ContentDefinitionSet definitions)
    {
        var fields = new List<VersionField>();
        var covered = new HashSet<string>(StringComparer.Ordinal);
        if (type is null || !type.Has(PartNames.TitlePart))
        {
            fields.Add(new VersionField("DisplayText", "Display text", Text, item.DisplayText));
        }
        foreach (var typePart in type?.Parts ?? [])
        {
            covered.Add(typePart.Name);
            var json = item.Part(typePart.Name);
            var partLabel = typePart.Settings.GetSettings<ContentTypePartSettings>().DisplayName;
            var own = KnownPart(typePart, json, partLabel);
            fields.AddRange(own);
            var part = definitions.FindPart(typePart.PartName);
            // A type's own part holds its fields; other parts name their fields "Part: Field".
            var prefix = typePart.PartName == type!.Name ? "" : $"{partLabel ?? Readable(typePart.PartName)}: ";
            foreach (var field in part?.Fields ?? [])
            {
                var value = json?[field.Name] as JsonObject;
                fields.Add(new VersionField($"{typePart.Name}.{field.Name}", prefix + (field.FieldSettings.DisplayName ?? Readable(field.Name)),
                    field.FieldName, FieldText(field.FieldName, value), value));
            }
            if (own.Count == 0 && (part?.Fields.Count ?? 0) == 0)
            {
                fields.AddRange(Leaves(typePart.Name, json, partLabel ?? Readable(typePart.PartName), technical: false));
            }
        }
        foreach (var (name, node) in item.Parts)
        {
            if (!covered.Contains(name))
            {
                fields.AddRange(Leaves(name, node as JsonObject, Readable(name), technical: true));
            }
        }
        return fields;
    }

    /// <summary>"RouteContainedItems" as "Route contained items", "ReviewPart" as "Review", "ReviewedUtc" as "Reviewed (UTC)".</summary>
    public static string Readable(string name)
    {
        var trimmed = name.EndsWith("Part", StringComparison.Ordinal) && name.Length > 4 ? name[..^4] : name;
        var utc = trimmed.EndsWith("Utc", StringComparison.Ordinal) && trimmed.Length > 3;
        if (utc)
        {
            trimmed = trimmed[..^3];
        }
        var words = new System.Text.StringBuilder();
        for (var i = 0; i < trimmed.Length; i++)
        {
            var c = trimmed[i];
            if (i > 0 && char.IsUpper(c) && !char.IsUpper(trimmed[i - 1]))
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }
        return utc ? $"{words} (UTC)" : words.ToString();
    }

    // The parts whose editors the form knows: only the value an editor sets is shown (not AutoroutePart's flags).
    private static List<VersionField> KnownPart(ContentTypePartDefinition typePart, JsonObject? json, string? label) => typePart.PartName switch
    {
        PartNames.TitlePart => [new($"{typePart.Name}.Title", label ?? "Title", Text, json.GetString("Title"))],
        PartNames.HtmlBodyPart => [new($"{typePart.Name}.Html", label ?? "Body", Html, json.GetString("Html"))],
        PartNames.MarkdownBodyPart => [new($"{typePart.Name}.Markdown", label ?? "Body", Markdown, json.GetString("Markdown"))],
        PartNames.AutoroutePart => [new($"{typePart.Name}.Path", label ?? "Path", Text, json.GetString("Path"))],
        _ => [],
    };

    private static IEnumerable<VersionField> Leaves(string partName, JsonObject? json, string label, bool technical)
    {
        foreach (var (property, node) in json ?? [])
        {
            var text = node is JsonObject nested ? string.Join("; ", nested.Select(p => $"{Readable(p.Key)}: {Scalar(p.Value)}")) : Scalar(node);
            if (property.EndsWith("Utc", StringComparison.Ordinal) && FieldJson.UtcDate(text) is { } date)
            {
                text = date.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
            }
            var name = Readable(property);
            yield return new VersionField($"{partName}.{property}", $"{label}: {char.ToLowerInvariant(name[0])}{name[1..]}", Text, text) { Technical = technical };
        }
    }

    private static string? FieldText(string kind, JsonObject? value)
    {
        if (value is null || value.Count == 0)
        {
            return null;
        }
        if (kind == "MediaField")
        {
            var alts = FieldJson.Strings(value, "MediaTexts");
            return string.Join('\n', FieldJson.Strings(value, "Paths").Select((path, i) => i < alts.Count && alts[i].Length > 0 ? $"{path} (alt: {alts[i]})" : path));
        }
        // One property (Text, Value, Html, Date...): its value alone; several: each named.
        return value.Count == 1 ? Scalar(value.First().Value) : string.Join('\n', value.Select(p => $"{Readable(p.Key)}: {Scalar(p.Value)}"));
    }

    private static string? Scalar(JsonNode? node) => node switch
    {
        null => null,
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => Convert.ToString(JsonNumbers.ToDecimal(v), CultureInfo.InvariantCulture),
        JsonArray a => string.Join(", ", a.Select(Scalar)),
        _ => node.ToJsonString(),
    };
}
