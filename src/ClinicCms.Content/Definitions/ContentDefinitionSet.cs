using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicCms.Content.Definitions;

/// <summary>
/// All content types and parts of the site, stored as one document as Orchard stores its ContentDefinitionSet.
/// Recipe steps alter a copy; the copy is saved when the recipe commits.
/// </summary>
public sealed class ContentDefinitionSet
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = false,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    [JsonPropertyName("ContentTypeDefinitionRecords")]
    public List<ContentTypeDefinition> Types { get; set; } = [];

    [JsonPropertyName("ContentPartDefinitionRecords")]
    public List<ContentPartDefinition> Parts { get; set; } = [];

    public ContentTypeDefinition? FindType(string name) => Types.Find(t => t.Name == name);

    public ContentPartDefinition? FindPart(string name) => Parts.Find(p => p.Name == name);

    /// <summary>The fields an item of <paramref name="type"/> carries, with the part instance that holds each.</summary>
    public IEnumerable<(ContentTypePartDefinition Part, ContentPartFieldDefinition Field)> FieldsOf(ContentTypeDefinition type)
    {
        foreach (var typePart in type.Parts)
        {
            var part = FindPart(typePart.PartName);
            if (part is null)
            {
                continue;
            }
            foreach (var field in part.Fields)
            {
                yield return (typePart, field);
            }
        }
    }

    /// <summary>Orchard's ContentDefinition step on a type: merge into the existing type, adding parts it lacks.</summary>
    public void AlterType(ContentTypeDefinition record)
    {
        var type = FindType(record.Name);
        if (type is null)
        {
            type = new ContentTypeDefinition { Name = record.Name };
            Types.Add(type);
        }
        if (!string.IsNullOrEmpty(record.DisplayName))
        {
            type.DisplayName = record.DisplayName;
            type.Settings.Merge(record.Settings);
        }
        foreach (var partRecord in record.Parts)
        {
            var part = type.FindPart(partRecord.Name);
            if (part is null)
            {
                part = new ContentTypePartDefinition { Name = partRecord.Name };
                type.Parts.Add(part);
            }
            part.PartName = partRecord.PartName;
            part.Settings.Merge(partRecord.Settings);
        }
    }

    /// <summary>Orchard's ContentDefinition step on a part: merge settings and fields.</summary>
    public void AlterPart(ContentPartDefinition record)
    {
        var part = FindPart(record.Name);
        if (part is null)
        {
            part = new ContentPartDefinition { Name = record.Name };
            Parts.Add(part);
        }
        part.Settings.Merge(record.Settings);
        foreach (var fieldRecord in record.Fields)
        {
            var field = part.FindField(fieldRecord.Name);
            if (field is null)
            {
                field = new ContentPartFieldDefinition { Name = fieldRecord.Name };
                part.Fields.Add(field);
            }
            field.FieldName = fieldRecord.FieldName;
            field.Settings.Merge(fieldRecord.Settings);
        }
    }

    public void DeleteType(string name) => Types.RemoveAll(t => t.Name == name);

    /// <summary>Deletes a part definition and removes it from every type that uses it.</summary>
    public void DeletePart(string name)
    {
        Parts.RemoveAll(p => p.Name == name);
        foreach (var type in Types)
        {
            type.Parts.RemoveAll(p => p.PartName == name);
        }
    }

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static ContentDefinitionSet FromJson(string json) =>
        JsonSerializer.Deserialize<ContentDefinitionSet>(json, JsonOptions) ?? new ContentDefinitionSet();

    public ContentDefinitionSet Copy() => FromJson(ToJson());
}
