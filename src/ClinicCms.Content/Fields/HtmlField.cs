using ClinicCms.Content.Reading;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's HtmlField: <c>{ "Html": "…" }</c>, sanitized on save unless its settings turn that off.</summary>
public sealed class HtmlField : ContentFieldKind
{
    public override FieldGraphShape GraphShape { get; } = new ObjectShape("HtmlField", [new ObjectMember("html", ScalarKind.Text, "Html")]);

    public override void Validate(FieldCheck check)
    {
        if (Validation.HtmlNesting.Problem(check.ReadText("Html")) is { } problem)
        {
            check.Error("Html", problem);
        }
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) => new("Html") { Value = value.GetString("Html") };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition) => field["Html"] = posted.Text();

    public override IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) => [SanitizeSettingsEditor(field)];

    public override string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted) =>
        ApplySanitizeSetting(kindSettings, posted);
}
