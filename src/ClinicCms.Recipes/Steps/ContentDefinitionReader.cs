using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Preparation;
using ClinicCms.Content.Parts;

namespace ClinicCms.Recipes.Steps;

/// <summary>Reads the ContentTypes and ContentParts of a definition step, reporting every malformed record with its path.</summary>
internal static class ContentDefinitionReader
{
    private static readonly JsonSerializerOptions Options = new() { PropertyNameCaseInsensitive = true };

    public static List<ContentTypeDefinition> ReadTypes(RecipeStepContext step)
    {
        var types = new List<ContentTypeDefinition>();
        foreach (var (node, path) in Items(step, "ContentTypes"))
        {
            var type = Deserialize<ContentTypeDefinition>(step, node, path);
            if (type is null)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(type.Name))
            {
                step.Error($"{path}.Name", "required: every content type needs a Name");
                continue;
            }
            var valid = true;
            for (var i = 0; i < type.Parts.Count; i++)
            {
                var part = type.Parts[i];
                if (string.IsNullOrWhiteSpace(part.PartName))
                {
                    step.Error($"{path}.ContentTypePartDefinitionRecords[{i}].PartName",
                        $"Unable to add content-part to the '{type.Name}' content-type. The part name cannot be null or empty.");
                    valid = false;
                }
                if (string.IsNullOrWhiteSpace(part.Name))
                {
                    part.Name = part.PartName;
                }
                if (part.PartName == PartNames.AutoroutePart &&
                    part.Settings.GetSettings<AutoroutePartSettings>().Pattern is { Length: > 0 } pattern &&
                    PathPatternRenderer.TryParseError(pattern) is { } error)
                {
                    step.Error($"{path}.ContentTypePartDefinitionRecords[{i}].Settings.AutoroutePartSettings.Pattern", $"not valid Liquid: {error}");
                    valid = false;
                }
            }
            if (PreviewUrlProblem(type.Settings["ContentTypeSettings"]?["PreviewUrl"]) is { } previewUrl)
            {
                step.Error($"{path}.Settings.ContentTypeSettings.PreviewUrl", previewUrl);
                valid = false;
            }
            if (valid)
            {
                types.Add(type);
            }
        }
        return types;
    }

    private static string? PreviewUrlProblem(JsonNode? node) => node switch
    {
        null => null,
        JsonValue value when value.GetValueKind() == JsonValueKind.String => PreviewUrlTemplate.Problem(value.GetValue<string>()),
        _ => $"expected a URL, got {Content.ContentItems.ContentItemJson.Describe(node)}",
    };

    public static List<ContentPartDefinition> ReadParts(RecipeStepContext step)
    {
        var parts = new List<ContentPartDefinition>();
        foreach (var (node, path) in Items(step, "ContentParts"))
        {
            var part = Deserialize<ContentPartDefinition>(step, node, path);
            if (part is null)
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(part.Name))
            {
                step.Error($"{path}.Name", "required: every content part needs a Name");
                continue;
            }
            var valid = true;
            for (var i = 0; i < part.Fields.Count; i++)
            {
                var field = part.Fields[i];
                if (string.IsNullOrWhiteSpace(field.Name))
                {
                    step.Error($"{path}.ContentPartFieldDefinitionRecords[{i}].Name", $"Unable to add a field to the '{part.Name}' part. The field name cannot be null or empty.");
                    valid = false;
                }
                if (string.IsNullOrWhiteSpace(field.FieldName))
                {
                    step.Error($"{path}.ContentPartFieldDefinitionRecords[{i}].FieldName", $"required: the kind of the field '{field.Name}' (TextField, NumericField, ...)");
                    valid = false;
                }
            }
            if (valid)
            {
                parts.Add(part);
            }
        }
        return parts;
    }

    /// <summary>The names in a DeleteContentDefinition list.</summary>
    public static List<string> ReadNames(RecipeStepContext step, string property)
    {
        var names = new List<string>();
        foreach (var (node, path) in Items(step, property))
        {
            if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
            {
                names.Add(v.GetValue<string>());
            }
            else
            {
                step.Error(path, $"expected a name, got {Content.ContentItems.ContentItemJson.Describe(node)}");
            }
        }
        return names;
    }

    private static IEnumerable<(JsonNode? Node, string Path)> Items(RecipeStepContext step, string property)
    {
        switch (step.Property(property))
        {
            case null:
                yield break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    yield return (array[i], $"{property}[{i}]");
                }
                break;
            default:
                step.Error(property, "expected an array");
                break;
        }
    }

    private static T? Deserialize<T>(RecipeStepContext step, JsonNode? node, string path) where T : class
    {
        if (node is not JsonObject)
        {
            step.Error(path, $"expected an object, got {Content.ContentItems.ContentItemJson.Describe(node)}");
            return null;
        }
        try
        {
            return node.Deserialize<T>(Options);
        }
        catch (JsonException e)
        {
            var at = e.Path is { Length: > 1 } p ? $"{path}{p.TrimStart('$')}" : path;
            step.Error(at, $"unexpected value: {e.Message.Split(" Path:", 2)[0]}");
            return null;
        }
    }
}
