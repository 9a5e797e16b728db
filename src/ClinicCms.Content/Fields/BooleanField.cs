using ClinicCms.Content.Reading;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's BooleanField: <c>{ "Value": true }</c>.</summary>
public sealed class BooleanField : ContentFieldKind
{
    public override ScalarKind? IndexKind => ScalarKind.Boolean;

    public override FieldGraphShape GraphShape { get; } = new ScalarShape(ScalarKind.Boolean, "Value");

    public override object? IndexValue(JsonObject value) => FieldJson.Flag(value["Value"]);

    public override void Validate(FieldCheck check) => check.ReadFlag("Value");

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) =>
        new("Boolean") { Value = value?["Value"] is JsonValue b && b.GetValueKind() == JsonValueKind.True ? "true" : null };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition) => field["Value"] = posted.All().Contains("true");
}
