using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Validation;

namespace ClinicCms.Content.Fields;

/// <summary>
/// One field of one item being validated: its definition, its stored JSON and its path, with typed reads that
/// report a value of the wrong kind (and return null) so a kind only states its own rules.
/// </summary>
public sealed class FieldCheck(ContentPartFieldDefinition definition, JsonObject? value, string path, List<ContentError> errors)
{
    public ContentPartFieldDefinition Field => definition;

    public JsonObject? Value => value;

    public string Path => path;

    /// <summary>The field's settings object named after its class, as Orchard stores them (NumericFieldSettings).</summary>
    public T Settings<T>() where T : new() => definition.Settings.GetSettings<T>();

    public string? ReadText(string property) => JsonValues.String(value, property, path, errors);

    public decimal? ReadNumber(string property) => JsonValues.Number(value, property, path, errors);

    public bool? ReadFlag(string property) => JsonValues.Boolean(value, property, path, errors);

    public List<string>? ReadTexts(string property) => JsonValues.Strings(value, property, path, errors);

    public void Error(string message) => errors.Add(new ContentError(path, message));

    /// <summary>An error on a value inside the field, such as <c>Paths[1]</c>.</summary>
    public void Error(string subPath, string message) => errors.Add(new ContentError($"{path}.{subPath}", message));

    /// <summary>The "required" rule most kinds share, set in <c>{Kind}Settings.Required</c>.</summary>
    public void Required(string? text)
    {
        if (definition.Settings.GetSettings<RequiredFieldSettings>($"{definition.FieldName}Settings").Required && string.IsNullOrWhiteSpace(text))
        {
            Error("required");
        }
    }

    /// <summary>How many values a list field may hold: at least one when required, one unless multiple.</summary>
    public void Count(List<string>? values, bool required, bool multiple, string noun)
    {
        if (required && (values is null || values.Count == 0))
        {
            Error($"required: choose at least one {noun}");
        }
        if (!multiple && values is { Count: > 1 })
        {
            Error($"only one {noun} is allowed, got {values.Count}");
        }
    }
}
