using ClinicCms.Content.Reading;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's TextField: <c>{ "Text": "…" }</c>, edited as a line, a text area or a predefined list.</summary>
public sealed class TextField : ContentFieldKind
{
    public override ScalarKind? IndexKind => ScalarKind.Text;

    public override FieldGraphShape GraphShape { get; } = new ScalarShape(ScalarKind.Text, "Text");

    public override object? IndexValue(JsonObject value) => value.GetString("Text");

    public override void Validate(FieldCheck check)
    {
        var text = check.ReadText("Text");
        if (check.Settings<TextFieldSettings>().Required && string.IsNullOrWhiteSpace(text))
        {
            check.Error(text is null ? "required" : "required, got an empty string");
        }
        if (check.Field.FieldSettings.Editor == "PredefinedList" && !string.IsNullOrEmpty(text))
        {
            var options = check.Settings<TextFieldPredefinedListEditorSettings>().Options;
            if (options.Count > 0 && !options.Exists(o => o.Value == text))
            {
                check.Error($"\"{text}\" is not one of the predefined values ({string.Join(", ", options.Select(o => o.Value))})");
            }
        }
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value)
    {
        var text = value.GetString("Text");
        if (field.FieldSettings.Editor != "PredefinedList")
        {
            return new FieldEditorState(field.FieldSettings.Editor == "TextArea" ? "TextArea" : "Text") { Value = text };
        }
        var settings = field.Settings.GetSettings<TextFieldPredefinedListEditorSettings>();
        return new FieldEditorState("Choice")
        {
            Value = text ?? settings.DefaultValue,
            Options = settings.Options.Select(o => (o.Value ?? "", o.Name ?? o.Value ?? "")).ToList(),
            Radio = string.Equals(settings.Editor, "Radio", StringComparison.OrdinalIgnoreCase),
        };
    }

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition) => field["Text"] = posted.Text();

    public override IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) =>
    [
        SettingsEditor("TextEditor", ("editor", field.FieldSettings.Editor)),
        SettingsEditor("Choices", ("options", FieldSettingsEditor.ChoiceLines(field.Settings["TextFieldPredefinedListEditorSettings"]?["Options"]))),
    ];

    // The editor is a common setting in Orchard (ContentPartFieldSettings.Editor); the choices belong to the list editor.
    public override string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted)
    {
        var common = field.Settings["ContentPartFieldSettings"] as JsonObject ?? [];
        var editor = posted.Text("editor");
        common["Editor"] = editor.Length == 0 ? null : editor;
        field.Settings["ContentPartFieldSettings"] = common;
        var list = field.Settings["TextFieldPredefinedListEditorSettings"] as JsonObject ?? [];
        list["Options"] = FieldSettingsEditor.Choices(posted.Text("options"));
        field.Settings["TextFieldPredefinedListEditorSettings"] = list;
        return null;
    }
}
