using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Validation;

/// <summary>Shape and settings rules for the parts ClinicCms understands.</summary>
internal static class PartRules
{
    public static void Check(ContentTypePartDefinition typePart, JsonObject? part, List<ContentError> errors)
    {
        var path = typePart.Name;
        switch (typePart.PartName)
        {
            case PartNames.TitlePart:
                var title = JsonValues.String(part, "Title", path, errors);
                if (typePart.Settings.GetSettings<TitlePartSettings>().Options == TitlePartOptions.EditableRequired && string.IsNullOrWhiteSpace(title))
                {
                    errors.Add(new ContentError($"{path}.Title", "a title is required"));
                }
                break;
            case PartNames.AutoroutePart:
                var given = JsonValues.String(part, "Path", path, errors)?.Trim().Trim('/');
                if (!string.IsNullOrEmpty(given) && AutoroutePath.Problem(given) is { } problem)
                {
                    errors.Add(new ContentError($"{path}.Path", problem));
                }
                break;
            case PartNames.HtmlBodyPart:
                JsonValues.String(part, "Html", path, errors);
                break;
            case PartNames.MarkdownBodyPart:
                JsonValues.String(part, "Markdown", path, errors);
                break;
        }
    }
}
