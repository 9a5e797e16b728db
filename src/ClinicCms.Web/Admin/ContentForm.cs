using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Handlers;
using ClinicCms.Content.Parts;
using Microsoft.Extensions.Primitives;

namespace ClinicCms.Web.Admin;

/// <summary>
/// The edit form of a content type, built from its definition (our whole placement system: parts, then fields), and
/// the way back from the posted form onto the item. Values the form does not edit stay as they are.
/// </summary>
public sealed class ContentForm(PathPatternRenderer patterns)
{
    public List<FieldEditor> EditorsFor(ContentItem item, ContentTypeDefinition type, ContentDefinitionRecord definitions)
    {
        var editors = new List<FieldEditor>();
        foreach (var typePart in type.Parts)
        {
            var part = item.Part(typePart.Name);
            var label = typePart.Settings.GetSettings<ContentTypePartSettings>().DisplayName;
            switch (typePart.PartName)
            {
                case PartNames.TitlePart:
                    editors.Add(new FieldEditor
                    {
                        Kind = "Text",
                        Key = $"{typePart.Name}.Title",
                        Label = label ?? "Title",
                        Value = part.GetString("Title"),
                        Required = typePart.Settings.GetSettings<TitlePartSettings>().Options == TitlePartOptions.EditableRequired
                    });
                    break;
                case PartNames.AutoroutePart:
                    editors.Add(new FieldEditor
                    {
                        Kind = "Path",
                        Key = $"{typePart.Name}.Path",
                        Label = label ?? "Path",
                        Value = part.GetString("Path"),
                        Hint = "Leave empty to have it generated from the title.",
                        Extra = GeneratedPath(item, typePart)
                    });
                    break;
                case PartNames.HtmlBodyPart:
                    editors.Add(new FieldEditor { Kind = "Html", Key = $"{typePart.Name}.Html", Label = label ?? "Body", Value = part.GetString("Html") });
                    break;
                case PartNames.MarkdownBodyPart:
                    editors.Add(new FieldEditor { Kind = "Markdown", Key = $"{typePart.Name}.Markdown", Label = label ?? "Body", Value = part.GetString("Markdown") });
                    break;
            }
            foreach (var field in definitions.FindPart(typePart.PartName)?.Fields ?? [])
            {
                if (Editor(typePart.Name, field, item.Field(typePart.Name, field.Name)) is { } editor)
                {
                    editors.Add(editor);
                }
            }
        }
        return editors;
    }

    /// <summary>Writes the posted values onto <paramref name="item"/> (a copy of the version being edited).</summary>
    public static void Apply(ContentItem item, IEnumerable<FieldEditor> editors, Func<string, StringValues> form)
    {
        foreach (var editor in editors)
        {
            var (partName, rest) = Split(editor.Key);
            var posted = form(editor.Key);
            switch (editor.Kind)
            {
                case "Text" when rest == "Title":
                    item.GetOrCreatePart(partName)["Title"] = posted.ToString();
                    break;
                case "Path":
                    item.GetOrCreatePart(partName)["Path"] = posted.ToString().Trim();
                    break;
                case "Html" when rest == "Html":
                    item.GetOrCreatePart(partName)["Html"] = posted.ToString();
                    break;
                case "Markdown" when rest == "Markdown":
                    item.GetOrCreatePart(partName)["Markdown"] = posted.ToString();
                    break;
                default:
                    ApplyField(item.GetOrCreatePart(partName), rest, editor, posted, form);
                    break;
            }
        }
    }

    private static void ApplyField(JsonObject part, string fieldName, FieldEditor editor, StringValues posted, Func<string, StringValues> form)
    {
        var field = part[fieldName] as JsonObject ?? [];
        part[fieldName] = field;
        var text = posted.ToString();
        switch (editor.Kind)
        {
            case "Text" or "TextArea" or "Choice":
                field["Text"] = text;
                break;
            case "Html":
                field["Html"] = text;
                break;
            case "Markdown":
                field["Markdown"] = text;
                break;
            case "Number":
                // An entry that is not a number is kept as typed, so the validation message can show it and the form keep it.
                field["Value"] = text.Length == 0 ? null
                    : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(text);
                break;
            case "Boolean":
                field["Value"] = posted.Contains("true");
                break;
            case "Date":
                field["Value"] = text.Length == 0 ? null : $"{text}T00:00:00Z";
                break;
            case "DateTime":
                field["Value"] = text.Length == 0 ? null : text.Length == 16 ? $"{text}:00Z" : text.TrimEnd('Z') + "Z";
                break;
            case "Time":
                field["Value"] = text.Length == 0 ? null : text.Length == 5 ? $"{text}:00" : text;
                break;
            case "Link":
                field["Url"] = text;
                field["Text"] = form($"{editor.Key}.Text").ToString();
                field["Target"] = form($"{editor.Key}.Target").ToString();
                break;
            case "Picker":
                field["ContentItemIds"] = new JsonArray([.. posted.OfType<string>().Where(v => v.Length > 0).Distinct().Select(v => (JsonNode)v)]);
                break;
            case "Media":
                // Typed paths, plus files picked from the media library.
                var paths = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Concat(form($"{editor.Key}.Pick").OfType<string>()).Distinct().ToArray();
                var texts = field["MediaTexts"] as JsonArray ?? [];
                field["Paths"] = new JsonArray([.. paths.Select(p => (JsonNode)p)]);
                field["MediaTexts"] = new JsonArray([.. paths.Select((_, i) => (JsonNode)(i < texts.Count ? texts[i]?.GetValue<string>() ?? "" : ""))]);
                break;
            case "MultiText":
                var values = editor.Options.Count > 0 ? posted.OfType<string>() : text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                field["Values"] = new JsonArray([.. values.Where(v => v.Length > 0).Select(v => (JsonNode)v)]);
                break;
        }
    }

    private static FieldEditor? Editor(string partName, ContentPartFieldDefinition field, JsonObject? value)
    {
        var key = $"{partName}.{field.Name}";
        var label = field.FieldSettings.DisplayName ?? field.Name;
        var hint = field.Settings[$"{field.FieldName}Settings"]?["Hint"] is JsonValue h && h.GetValueKind() == JsonValueKind.String ? h.GetValue<string>() : null;
        var required = field.Settings[$"{field.FieldName}Settings"]?["Required"] is JsonValue r && r.GetValueKind() == JsonValueKind.True;
        FieldEditor Make(string kind, string? current) => new() { Kind = kind, Key = key, Label = label, Hint = hint, Required = required, Value = current };
        return field.FieldName switch
        {
            FieldKinds.TextField when field.FieldSettings.Editor == "PredefinedList" => Choice(field, key, label, hint, required, value.GetString("Text")),
            FieldKinds.TextField => Make(field.FieldSettings.Editor == "TextArea" ? "TextArea" : "Text", value.GetString("Text")),
            FieldKinds.HtmlField => Make("Html", value.GetString("Html")),
            FieldKinds.MarkdownField => Make("Markdown", value.GetString("Markdown")),
            FieldKinds.NumericField => Make("Number", value?["Value"] is JsonValue n ? n.ToString() : null),
            FieldKinds.BooleanField => Make("Boolean", value?["Value"] is JsonValue b && b.GetValueKind() == JsonValueKind.True ? "true" : null),
            FieldKinds.DateField => Make("Date", value.GetString("Value") is { Length: >= 10 } d ? d[..10] : null),
            FieldKinds.DateTimeField => Make("DateTime", value.GetString("Value") is { Length: >= 16 } dt ? dt[..16] : null),
            FieldKinds.TimeField => Make("Time", value.GetString("Value") is { Length: >= 5 } t ? t[..5] : null),
            FieldKinds.LinkField => new FieldEditor
            {
                Kind = "Link",
                Key = key,
                Label = label,
                Hint = hint,
                Required = required,
                Value = value.GetString("Url"),
                Text = value.GetString("Text"),
                Target = value.GetString("Target")
            },
            FieldKinds.ContentPickerField => Picker(field, key, label, hint, value),
            FieldKinds.MediaField => Make("Media", string.Join('\n', Strings(value, "Paths"))),
            FieldKinds.MultiTextField => new FieldEditor
            {
                Kind = "MultiText",
                Key = key,
                Label = label,
                Hint = hint,
                Required = required,
                Values = Strings(value, "Values"),
                Options = field.Settings.GetSettings<MultiTextFieldSettings>().Options.Select(o => (o.Value ?? "", o.Name ?? o.Value ?? "")).ToList()
            },
            _ => null,
        };
    }

    private static FieldEditor Choice(ContentPartFieldDefinition field, string key, string label, string? hint, bool required, string? current)
    {
        var settings = field.Settings.GetSettings<TextFieldPredefinedListEditorSettings>();
        return new FieldEditor
        {
            Kind = "Choice",
            Key = key,
            Label = label,
            Hint = hint,
            Required = required,
            Value = current ?? settings.DefaultValue,
            Options = settings.Options.Select(o => (o.Value ?? "", o.Name ?? o.Value ?? "")).ToList(),
            Radio = string.Equals(settings.Editor, "Radio", StringComparison.OrdinalIgnoreCase),
        };
    }

    private static FieldEditor Picker(ContentPartFieldDefinition field, string key, string label, string? hint, JsonObject? value)
    {
        var settings = field.Settings.GetSettings<ContentPickerFieldSettings>();
        return new FieldEditor
        {
            Kind = "Picker",
            Key = key,
            Label = label,
            Hint = hint,
            Required = settings.Required,
            Multiple = settings.Multiple,
            Values = Strings(value, "ContentItemIds"),
            Extra = settings.DisplayAllContentTypes ? "" : string.Join(',', settings.DisplayedContentTypes),
        };
    }

    private string? GeneratedPath(ContentItem item, ContentTypePartDefinition typePart)
    {
        var pattern = typePart.Settings.GetSettings<AutoroutePartSettings>().Pattern;
        try
        {
            return patterns.Render(string.IsNullOrWhiteSpace(pattern) ? AutoroutePartSettings.DefaultPattern : pattern, item).Trim('/');
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    private static List<string> Strings(JsonObject? owner, string property) =>
        owner?[property] is JsonArray array ? array.OfType<JsonValue>().Where(v => v.GetValueKind() == JsonValueKind.String).Select(v => v.GetValue<string>()).ToList() : [];

    private static (string Part, string Field) Split(string key)
    {
        var dot = key.IndexOf('.', StringComparison.Ordinal);
        return (key[..dot], key[(dot + 1)..]);
    }
}
