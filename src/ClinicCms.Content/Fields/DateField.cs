using ClinicCms.Content.Reading;
using System.Globalization;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's DateField: <c>{ "Value": "2026-01-31T00:00:00Z" }</c>, a day.</summary>
public sealed class DateField : ContentFieldKind
{
    public override ScalarKind? IndexKind => ScalarKind.Date;

    public override FieldGraphShape GraphShape { get; } = new ScalarShape(ScalarKind.Date, "Value");

    public override object? IndexValue(JsonObject value) => FieldJson.UtcDate(value.GetString("Value"));

    public override void Validate(FieldCheck check) => CheckDate(check);

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) =>
        new("Date") { Value = value.GetString("Value") is { Length: >= 10 } d ? d[..10] : null };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition)
    {
        var text = posted.Text();
        field["Value"] = text.Length == 0 ? null : $"{text}T00:00:00Z";
    }

    /// <summary>A date in Value, parsed as ISO 8601, and the Required setting; DateTimeField shares it.</summary>
    internal static void CheckDate(FieldCheck check)
    {
        var date = check.ReadText("Value");
        if (date is not null && !DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
        {
            check.Error($"expected a date, got \"{date}\"");
        }
        check.Required(date);
    }
}
