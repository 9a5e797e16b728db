using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's MarkdownField: <c>{ "Markdown": "…" }</c>; GraphQL also renders it as HTML.</summary>
public sealed class MarkdownField : ContentFieldKind
{
    public override FieldGraphShape GraphShape { get; } = new NamedShape("MarkdownField");

    public override void Validate(FieldCheck check)
    {
        if (Validation.MarkdownText.Problem(check.ReadText("Markdown")) is { } problem)
        {
            check.Error("Markdown", problem);
        }
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) => new("Markdown") { Value = value.GetString("Markdown") };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition) => field["Markdown"] = posted.Text();

    public override IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) => [SanitizeSettingsEditor(field)];

    public override string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted) =>
        ApplySanitizeSetting(kindSettings, posted);
}
