using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's ContentPickerField: <c>{ "ContentItemIds": [ "…" ] }</c>; the targets are checked on save.</summary>
public sealed class ContentPickerField : ContentFieldKind
{
    public override FieldGraphShape GraphShape { get; } = new NamedShape("ContentPickerField");

    public override void Validate(FieldCheck check)
    {
        var settings = check.Settings<ContentPickerFieldSettings>();
        check.Count(check.ReadTexts("ContentItemIds"), settings.Required, settings.Multiple, "content item");
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value)
    {
        var settings = field.Settings.GetSettings<ContentPickerFieldSettings>();
        return new FieldEditorState("Picker")
        {
            Required = settings.Required,
            Multiple = settings.Multiple,
            Values = FieldJson.Strings(value, "ContentItemIds"),
            Extra = settings.DisplayAllContentTypes ? "" : string.Join(',', settings.DisplayedContentTypes),
        };
    }

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition) =>
        field["ContentItemIds"] = FieldJson.Array(posted.All().Where(v => v.Length > 0).Distinct());

    public override IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) =>
    [
        SettingsEditor("Multiple", ("multiple", KindSettings(field)?["Multiple"]?.GetValue<bool>() == true ? "true" : null)),
        new("Targets", new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
        {
            ["targets"] = (KindSettings(field)?["DisplayedContentTypes"] as JsonArray)?.Select(t => t!.GetValue<string>()).ToList() ?? [],
        }),
    ];

    public override string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted)
    {
        var targets = posted.All("targets");
        kindSettings["Multiple"] = posted.Text("multiple") == "true";
        kindSettings["DisplayAllContentTypes"] = targets.Count == 0;
        kindSettings["DisplayedContentTypes"] = new JsonArray([.. targets.Select(t => (JsonNode)t)]);
        return null;
    }
}
