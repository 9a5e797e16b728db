using System.Globalization;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Validation;

/// <summary>Shape and settings rules for each field kind ClinicCms understands.</summary>
internal static class FieldRules
{
    public static void Check(ContentPartFieldDefinition field, JsonObject? value, string path, List<ContentError> errors)
    {
        var settings = field.Settings;
        switch (field.FieldName)
        {
            case FieldKinds.TextField:
                CheckText(field, JsonValues.String(value, "Text", path, errors), path, errors);
                break;
            case FieldKinds.HtmlField:
                JsonValues.String(value, "Html", path, errors);
                break;
            case FieldKinds.MarkdownField:
                JsonValues.String(value, "Markdown", path, errors);
                break;
            case FieldKinds.NumericField:
                CheckNumber(settings.GetSettings<NumericFieldSettings>(), JsonValues.Number(value, "Value", path, errors), value, path, errors);
                break;
            case FieldKinds.BooleanField:
                JsonValues.Boolean(value, "Value", path, errors);
                break;
            case FieldKinds.DateField:
            case FieldKinds.DateTimeField:
                var date = JsonValues.String(value, "Value", path, errors);
                if (date is not null && !DateTime.TryParse(date, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out _))
                {
                    errors.Add(new ContentError(path, $"expected a date, got \"{date}\""));
                }
                Required(settings, field.FieldName, date, path, errors);
                break;
            case FieldKinds.TimeField:
                var time = JsonValues.String(value, "Value", path, errors);
                if (time is not null && !TimeSpan.TryParse(time, CultureInfo.InvariantCulture, out _))
                {
                    errors.Add(new ContentError(path, $"expected a time of day (hh:mm:ss), got \"{time}\""));
                }
                Required(settings, field.FieldName, time, path, errors);
                break;
            case FieldKinds.LinkField:
                var url = JsonValues.String(value, "Url", path, errors);
                JsonValues.String(value, "Text", path, errors);
                JsonValues.String(value, "Target", path, errors);
                Required(settings, field.FieldName, url, path, errors);
                break;
            case FieldKinds.ContentPickerField:
                var picker = settings.GetSettings<ContentPickerFieldSettings>();
                CheckList(JsonValues.Strings(value, "ContentItemIds", path, errors), picker.Required, picker.Multiple, "content item", path, errors);
                break;
            case FieldKinds.MediaField:
                var media = settings.GetSettings<MediaFieldSettings>();
                var mediaPaths = JsonValues.Strings(value, "Paths", path, errors);
                CheckList(mediaPaths, media.Required, media.Multiple, "file", path, errors);
                CheckMediaPaths(mediaPaths, path, errors);
                JsonValues.Strings(value, "MediaTexts", path, errors);
                break;
            case FieldKinds.MultiTextField:
                CheckMultiText(settings.GetSettings<MultiTextFieldSettings>(), JsonValues.Strings(value, "Values", path, errors), path, errors);
                break;
        }
    }

    // A media path names a file in the media library: not empty, no '..' segment, nothing that breaks out of a URL or attribute.
    private static void CheckMediaPaths(List<string>? paths, string path, List<ContentError> errors)
    {
        for (var i = 0; i < (paths?.Count ?? 0); i++)
        {
            var media = paths![i].Trim();
            if (media.Length == 0)
            {
                errors.Add(new ContentError($"{path}.Paths[{i}]", "a media path is required, got an empty string"));
            }
            else if (media.Replace('\\', '/').Split('/').Contains("..") || media.Any(c => char.IsControl(c) || c is '<' or '>' or '"'))
            {
                errors.Add(new ContentError($"{path}.Paths[{i}]", $"'{media}' is not a media path: no '..' segments, markup, quotes or control characters"));
            }
        }
    }

    private static void CheckText(ContentPartFieldDefinition field, string? text, string path, List<ContentError> errors)
    {
        if (field.Settings.GetSettings<TextFieldSettings>().Required && string.IsNullOrWhiteSpace(text))
        {
            errors.Add(new ContentError(path, text is null ? "required" : "required, got an empty string"));
        }
        if (field.FieldSettings.Editor == "PredefinedList" && !string.IsNullOrEmpty(text))
        {
            var options = field.Settings.GetSettings<TextFieldPredefinedListEditorSettings>().Options;
            if (options.Count > 0 && !options.Exists(o => o.Value == text))
            {
                errors.Add(new ContentError(path, $"\"{text}\" is not one of the predefined values ({string.Join(", ", options.Select(o => o.Value))})"));
            }
        }
    }

    private static void CheckNumber(NumericFieldSettings settings, decimal? number, JsonObject? value, string path, List<ContentError> errors)
    {
        if (number is null)
        {
            if (settings.Required && value?["Value"] is null)
            {
                errors.Add(new ContentError(path, "required"));
            }
            return;
        }
        if (number < settings.Minimum)
        {
            errors.Add(new ContentError(path, $"{number} is less than the minimum, {settings.Minimum}"));
        }
        if (number > settings.Maximum)
        {
            errors.Add(new ContentError(path, $"{number} is more than the maximum, {settings.Maximum}"));
        }
    }

    private static void CheckList(List<string>? values, bool required, bool multiple, string noun, string path, List<ContentError> errors)
    {
        if (required && (values is null || values.Count == 0))
        {
            errors.Add(new ContentError(path, $"required: choose at least one {noun}"));
        }
        if (!multiple && values is { Count: > 1 })
        {
            errors.Add(new ContentError(path, $"only one {noun} is allowed, got {values.Count}"));
        }
    }

    private static void CheckMultiText(MultiTextFieldSettings settings, List<string>? values, string path, List<ContentError> errors)
    {
        if (settings.Required && (values is null || values.Count == 0))
        {
            errors.Add(new ContentError(path, "required: choose at least one value"));
        }
        if (values is not null && settings.Options.Count > 0)
        {
            foreach (var unknown in values.Where(v => !settings.Options.Exists(o => o.Value == v)))
            {
                errors.Add(new ContentError(path, $"\"{unknown}\" is not one of the predefined values ({string.Join(", ", settings.Options.Select(o => o.Value))})"));
            }
        }
    }

    private static void Required(System.Text.Json.Nodes.JsonObject settings, string fieldKind, string? value, string path, List<ContentError> errors)
    {
        if (settings.GetSettings<RequiredFieldSettings>($"{fieldKind}Settings").Required && string.IsNullOrWhiteSpace(value))
        {
            errors.Add(new ContentError(path, "required"));
        }
    }
}
