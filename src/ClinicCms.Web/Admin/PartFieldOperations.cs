using System.Globalization;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;

namespace ClinicCms.Web.Admin;

/// <summary>Adding, removing and reordering the fields of a part, for the type page (its own part) and the parts page alike.</summary>
public static class PartFieldOperations
{
    public static string? Add(ContentPartDefinition part, string field, string? displayName, string kind, ContentFieldKinds kinds)
    {
        if (!DefinitionEditor.IsValidName(field))
        {
            return "The field's technical name must start with a letter and hold only letters, digits and underscores.";
        }
        if (kinds.Find(kind) is null)
        {
            return $"{kind} is not a field kind.";
        }
        if (part.FindField(field) is not null)
        {
            return $"{part.Name} has a field {field} already.";
        }
        part.Fields.Add(new ContentPartFieldDefinition
        {
            Name = field,
            FieldName = kind,
            Settings = new JsonObject { ["ContentPartFieldSettings"] = new JsonObject { ["DisplayName"] = string.IsNullOrWhiteSpace(displayName) ? field : displayName } },
        });
        Renumber(part);
        return null;
    }

    public static string? Remove(ContentPartDefinition part, string field) =>
        part.Fields.RemoveAll(f => f.Name == field) == 0 ? $"{part.Name} has no field {field}." : null;

    public static string? Move(ContentPartDefinition part, string field, int direction)
    {
        var index = part.Fields.FindIndex(f => f.Name == field);
        var target = index + Math.Sign(direction);
        if (index >= 0 && target >= 0 && target < part.Fields.Count)
        {
            (part.Fields[index], part.Fields[target]) = (part.Fields[target], part.Fields[index]);
        }
        Renumber(part);
        return null;
    }

    private static void Renumber(ContentPartDefinition part)
    {
        for (var i = 0; i < part.Fields.Count; i++)
        {
            var settings = part.Fields[i].Settings["ContentPartFieldSettings"] as JsonObject ?? [];
            settings["Position"] = i.ToString(CultureInfo.InvariantCulture);
            part.Fields[i].Settings["ContentPartFieldSettings"] = settings;
        }
    }
}
