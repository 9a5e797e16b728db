using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Preparation;
using ClinicCms.Content.Parts;
using Microsoft.Extensions.Primitives;

namespace ClinicCms.Web.Admin;

/// <summary>
/// The edit form of a content type, built from its definition (our whole placement system: parts, then fields), and
/// the way back from the posted form onto the item. Each editor writes its own value back: the parts through their
/// typed records, the fields through their kind. Values the form does not edit stay as they are.
/// </summary>
public sealed class ContentForm(PathPatternRenderer patterns, ContentFieldKinds fieldKinds)
{
    public List<FieldEditor> EditorsFor(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions)
    {
        var editors = new List<FieldEditor>();
        foreach (var typePart in type.Parts)
        {
            if (PartEditor(item, typePart) is { } partEditor)
            {
                editors.Add(partEditor);
            }
            if (typePart.PartName == PartNames.SeoMetaPart)
            {
                editors.AddRange(SeoMetaEditors.For(item, typePart));
            }
            foreach (var field in definitions.FindPart(typePart.PartName)?.Fields ?? [])
            {
                if (FieldKindEditor(typePart.Name, field, item.Field(typePart.Name, field.Name)) is { } editor)
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
            editor.Write(item, new PostedValues(suffix => form(suffix.Length == 0 ? editor.Key : $"{editor.Key}.{suffix}").OfType<string>().ToList()));
        }
    }

    private FieldEditor? PartEditor(ContentItem item, ContentTypePartDefinition typePart)
    {
        var name = typePart.Name;
        var label = typePart.Settings.GetSettings<ContentTypePartSettings>().DisplayName;
        return typePart.PartName switch
        {
            PartNames.TitlePart => new FieldEditor
            {
                State = new FieldEditorState("Text") { Value = item.Get<TitlePart>(name).Title },
                Key = $"{name}.{nameof(TitlePart.Title)}",
                Label = label ?? "Title",
                Required = typePart.Settings.GetSettings<TitlePartSettings>().Options == TitlePartOptions.EditableRequired,
                Write = (target, posted) => target.Apply(name, new TitlePart { Title = posted.Text() }),
            },
            PartNames.AutoroutePart => new FieldEditor
            {
                State = new FieldEditorState("Path") { Value = item.Get<AutoroutePart>(name).Path, Extra = GeneratedPath(item, typePart) },
                Key = $"{name}.{nameof(AutoroutePart.Path)}",
                Label = label ?? "Path",
                Hint = "Leave empty to have it generated from the title.",
                Write = (target, posted) => target.Apply(name, new AutoroutePart { Path = posted.Text().Trim() }),
            },
            PartNames.HtmlBodyPart => new FieldEditor
            {
                State = new FieldEditorState("Html") { Value = item.Get<HtmlBodyPart>(name).Html },
                Key = $"{name}.{nameof(HtmlBodyPart.Html)}",
                Label = label ?? "Body",
                Write = (target, posted) => target.Apply(name, new HtmlBodyPart { Html = posted.Text() }),
            },
            PartNames.MarkdownBodyPart => new FieldEditor
            {
                State = new FieldEditorState("Markdown") { Value = item.Get<MarkdownBodyPart>(name).Markdown },
                Key = $"{name}.{nameof(MarkdownBodyPart.Markdown)}",
                Label = label ?? "Body",
                Write = (target, posted) => target.Apply(name, new MarkdownBodyPart { Markdown = posted.Text() }),
            },
            _ => null,
        };
    }

    private FieldEditor? FieldKindEditor(string partName, ContentPartFieldDefinition field, JsonObject? value)
    {
        if (fieldKinds.Find(field.FieldName) is not { } kind || kind.Editor(field, value) is not { } state)
        {
            return null; // a field kind nobody registered, or one the admin does not edit: kept as it is
        }
        var settings = field.Settings[$"{field.FieldName}Settings"];
        return new FieldEditor
        {
            State = state,
            Key = $"{partName}.{field.Name}",
            Label = field.FieldSettings.DisplayName ?? field.Name,
            Hint = settings?["Hint"] is JsonValue h && h.GetValueKind() == JsonValueKind.String ? h.GetValue<string>() : null,
            Required = state.Required ?? (settings?["Required"] is JsonValue r && r.GetValueKind() == JsonValueKind.True),
            Write = (target, posted) =>
            {
                var part = target.GetOrCreatePart(partName);
                var json = part[field.Name] as JsonObject ?? [];
                part[field.Name] = json;
                kind.Apply(json, posted, field);
            },
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
}
