using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's MultiTextField: <c>{ "Values": [ "…" ] }</c>, free lines or a choice among predefined options.</summary>
public sealed class MultiTextField : ContentFieldKind
{
    public override FieldGraphShape GraphShape { get; } = new StringListShape("Values");

    public override void Validate(FieldCheck check)
    {
        var settings = check.Settings<MultiTextFieldSettings>();
        var values = check.ReadTexts("Values");
        if (settings.Required && (values is null || values.Count == 0))
        {
            check.Error("required: choose at least one value");
        }
        if (values is not null && settings.Options.Count > 0)
        {
            foreach (var unknown in values.Where(v => !settings.Options.Exists(o => o.Value == v)))
            {
                check.Error($"\"{unknown}\" is not one of the predefined values ({string.Join(", ", settings.Options.Select(o => o.Value))})");
            }
        }
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) => new("MultiText")
    {
        Values = FieldJson.Strings(value, "Values"),
        Options = Options(field).Select(o => (o.Value ?? "", o.Name ?? o.Value ?? "")).ToList(),
    };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition)
    {
        var values = Options(definition).Count > 0 ? posted.All() : posted.Text().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        field["Values"] = FieldJson.Array(values.Where(v => v.Length > 0));
    }

    private static List<ListValueOption> Options(ContentPartFieldDefinition field) => field.Settings.GetSettings<MultiTextFieldSettings>().Options;

    public override IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) =>
        [SettingsEditor("Choices", ("options", FieldSettingsEditor.ChoiceLines(KindSettings(field)?["Options"])))];

    public override string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted)
    {
        kindSettings["Options"] = FieldSettingsEditor.Choices(posted.Text("options"));
        return null;
    }
}
