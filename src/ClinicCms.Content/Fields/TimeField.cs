using ClinicCms.Content.Reading;
using System.Globalization;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's TimeField: <c>{ "Value": "09:30:00" }</c>, a time of day.</summary>
public sealed class TimeField : ContentFieldKind
{
    public override ScalarKind? IndexKind => ScalarKind.Time;

    public override FieldGraphShape GraphShape { get; } = new ScalarShape(ScalarKind.Time, "Value");

    public override object? IndexValue(JsonObject value) => FieldJson.TimeOfDay(value.GetString("Value"));

    public override void Validate(FieldCheck check)
    {
        var time = check.ReadText("Value");
        if (time is not null && !TimeSpan.TryParse(time, CultureInfo.InvariantCulture, out _))
        {
            check.Error($"expected a time of day (hh:mm:ss), got \"{time}\"");
        }
        check.Required(time);
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) =>
        new("Time") { Value = value.GetString("Value") is { Length: >= 5 } t ? t[..5] : null };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition)
    {
        var text = posted.Text();
        field["Value"] = text.Length == 0 ? null : text.Length == 5 ? $"{text}:00" : text;
    }
}
