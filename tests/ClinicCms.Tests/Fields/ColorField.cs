using ClinicCms.Content.Reading;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;

namespace ClinicCms.Tests.Fields;

/// <summary>
/// A field kind ClinicCms does not ship, added from outside in one class: <c>{ "Color": "#12ab34" }</c>, validated as
/// a hex colour, indexed as text (so GraphQL filters and sorts on it), edited with the plain text partial; its
/// settings add a palette, edited with the shipped list-of-choices settings partial.
/// </summary>
public sealed partial class ColorField : ContentFieldKind
{
    public override ScalarKind? IndexKind => ScalarKind.Text;

    public override FieldGraphShape GraphShape { get; } = new ScalarShape(ScalarKind.Text, "Color");

    public override object? IndexValue(JsonObject value) => value.GetString("Color");

    public override void Validate(FieldCheck check)
    {
        var color = check.ReadText("Color");
        if (!string.IsNullOrEmpty(color) && !HexColor().IsMatch(color))
        {
            check.Error($"{color} is not a colour (# and six hex digits)");
        }
        check.Required(color);
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) => new("Text") { Value = value.GetString("Color") };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition) => field["Color"] = posted.Text().Trim();

    public override IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) =>
        [SettingsEditor("Choices", ("options", FieldSettingsEditor.ChoiceLines(KindSettings(field)?["Palette"])))];

    public override string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted)
    {
        kindSettings["Palette"] = FieldSettingsEditor.Choices(posted.Text("options"));
        return null;
    }

    [GeneratedRegex("^#[0-9a-fA-F]{6}$")]
    private static partial Regex HexColor();
}
