using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Validation;

/// <summary>
/// Shape and settings rules for the parts ClinicCms understands: the JSON reads report a property of the wrong kind,
/// then the rules read the typed part.
/// </summary>
internal static class PartRules
{
    public static void Check(ContentTypePartDefinition typePart, JsonObject? part, List<ContentError> errors)
    {
        var path = typePart.Name;
        switch (typePart.PartName)
        {
            case PartNames.TitlePart:
                JsonValues.String(part, nameof(TitlePart.Title), path, errors);
                if (typePart.Settings.GetSettings<TitlePartSettings>().Options == TitlePartOptions.EditableRequired && string.IsNullOrWhiteSpace(PartExtensions.Read<TitlePart>(part).Title))
                {
                    errors.Add(new ContentError($"{path}.Title", "a title is required"));
                }
                break;
            case PartNames.AutoroutePart:
                JsonValues.String(part, nameof(AutoroutePart.Path), path, errors);
                var given = PartExtensions.Read<AutoroutePart>(part).Path?.Trim().Trim('/');
                if (!string.IsNullOrEmpty(given) && AutoroutePath.Problem(given) is { } problem)
                {
                    errors.Add(new ContentError($"{path}.Path", problem));
                }
                break;
            case PartNames.HtmlBodyPart:
                Text(part, nameof(HtmlBodyPart.Html), path, errors, HtmlNesting.Problem);
                break;
            case PartNames.MarkdownBodyPart:
                Text(part, nameof(MarkdownBodyPart.Markdown), path, errors, MarkdownText.Problem);
                break;
            case PartNames.PublishLaterPart:
                Date(part, nameof(PublishLaterPart.ScheduledPublishUtc), path, errors);
                break;
            case PartNames.ArchiveLaterPart:
                Date(part, nameof(ArchiveLaterPart.ScheduledArchiveUtc), path, errors);
                break;
            case PartNames.SeoMetaPart:
                SeoMetaRules.Check(path, part, errors);
                break;
            case PartNames.LocalizationPart:
                CheckLocalization(path, part, errors);
                break;
        }
    }

    private static void CheckLocalization(string path, JsonObject? part, List<ContentError> errors)
    {
        if (JsonValues.String(part, nameof(LocalizationPart.Culture), path, errors) is { Length: > 0 } culture && Localization.CultureName.Problem(culture) is { } problem)
        {
            errors.Add(new ContentError($"{path}.Culture", problem));
        }
        if (JsonValues.String(part, nameof(LocalizationPart.LocalizationSet), path, errors) is { Length: > 0 } set && Localization.LocalizationSetId.Problem(set) is { } setProblem)
        {
            errors.Add(new ContentError($"{path}.LocalizationSet", setProblem));
        }
    }

    private static void Text(JsonObject? part, string property, string path, List<ContentError> errors, Func<string?, string?> problem)
    {
        if (problem(JsonValues.String(part, property, path, errors)) is { } found)
        {
            errors.Add(new ContentError($"{path}.{property}", found));
        }
    }

    private static void Date(JsonObject? part, string property, string path, List<ContentError> errors)
    {
        if (JsonValues.String(part, property, path, errors) is { } text && !Scheduling.UtcDates.TryParse(text, out _))
        {
            errors.Add(new ContentError($"{path}.{property}", $"expected a date and time such as 2026-12-01T08:00:00Z, got '{(text.Length > 40 ? text[..40] + "…" : text)}'"));
        }
    }
}
