using ClinicCms.Content.Reading;
using System.Globalization;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Fields;

/// <summary>Orchard's NumericField: <c>{ "Value": 3 }</c> (a number in a string is read too), within its settings' bounds.</summary>
public sealed class NumericField : ContentFieldKind
{
    public override ScalarKind? IndexKind => ScalarKind.Number;

    public override FieldGraphShape GraphShape { get; } = new ScalarShape(ScalarKind.Number, "Value");

    public override object? IndexValue(JsonObject value) => FieldJson.Number(value["Value"]);

    public override void Validate(FieldCheck check)
    {
        var settings = check.Settings<NumericFieldSettings>();
        var number = check.ReadNumber("Value");
        if (number is null)
        {
            if (settings.Required && check.Value?["Value"] is null)
            {
                check.Error("required");
            }
            return;
        }
        if (number < settings.Minimum)
        {
            check.Error($"{number} is less than the minimum, {settings.Minimum}");
        }
        if (number > settings.Maximum)
        {
            check.Error($"{number} is more than the maximum, {settings.Maximum}");
        }
    }

    public override FieldEditorState Editor(ContentPartFieldDefinition field, JsonObject? value) =>
        new("Number") { Value = value?["Value"] is JsonValue n ? n.ToString() : null };

    public override void Apply(JsonObject field, PostedValues posted, ContentPartFieldDefinition definition)
    {
        var text = posted.Text();
        // An entry that is not a number is kept as typed, so the validation message can show it and the form keep it.
        field["Value"] = text.Length == 0 ? null
            : decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) ? JsonValue.Create(number) : JsonValue.Create(text);
    }

    public override IReadOnlyList<FieldSettingsEditor> SettingsEditors(ContentPartFieldDefinition field) =>
        [SettingsEditor("Bounds", ("minimum", KindSettings(field)?["Minimum"]?.ToString()), ("maximum", KindSettings(field)?["Maximum"]?.ToString()))];

    public override string? ApplySettings(ContentPartFieldDefinition field, JsonObject kindSettings, PostedValues posted)
    {
        if (!TryBound(posted.Text("minimum"), out var minimum) || !TryBound(posted.Text("maximum"), out var maximum))
        {
            return "The minimum and maximum must be numbers.";
        }
        kindSettings["Minimum"] = minimum;
        kindSettings["Maximum"] = maximum;
        return null;
    }

    private static bool TryBound(string text, out decimal? value)
    {
        value = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        var ok = decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number);
        value = number;
        return ok;
    }
}
