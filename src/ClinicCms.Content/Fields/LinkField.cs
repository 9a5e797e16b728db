using ClinicCms.Content.Reading;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's LinkField: <c>{ "Url": "…", "Text": "…", "Target": "_blank" }</c>.</summary>
public sealed class LinkField : ContentFieldKind
{
    public override FieldGraphShape GraphShape { get; } = new ObjectShape("LinkField",
    [
        new ObjectMember("url", ScalarKind.Text, "Url"),
        new ObjectMember("text", ScalarKind.Text, "Text"),
        new ObjectMember("target", ScalarKind.Text, "Target"),
    ]);

    public override void Validate(FieldCheck check)
    {
        var url = check.ReadText("Url");
        check.ReadText("Text");
        check.ReadText("Target");
        check.Required(url);
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) =>
        new("Link") { Value = value.GetString("Url"), Text = value.GetString("Text"), Target = value.GetString("Target") };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition)
    {
        field["Url"] = posted.Text();
        field["Text"] = posted.Text("Text");
        field["Target"] = posted.Text("Target");
    }
}
