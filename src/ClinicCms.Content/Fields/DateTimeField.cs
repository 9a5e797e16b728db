using ClinicCms.Content.Reading;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's DateTimeField: <c>{ "Value": "2026-01-31T09:30:00Z" }</c>, in UTC.</summary>
public sealed class DateTimeField : ContentFieldKind
{
    public override ScalarKind? IndexKind => ScalarKind.DateTime;

    public override FieldGraphShape GraphShape { get; } = new ScalarShape(ScalarKind.DateTime, "Value");

    public override object? IndexValue(JsonObject value) => FieldJson.UtcDate(value.GetString("Value"));

    public override void Validate(FieldCheck check) => DateField.CheckDate(check);

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) =>
        new("DateTime") { Value = value.GetString("Value") is { Length: >= 16 } dt ? dt[..16] : null };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition)
    {
        var text = posted.Text();
        field["Value"] = text.Length == 0 ? null : text.Length == 16 ? $"{text}:00Z" : text.TrimEnd('Z') + "Z";
    }
}
