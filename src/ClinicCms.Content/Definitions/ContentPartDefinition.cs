using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ClinicCms.Content.Definitions;

/// <summary>A part definition and its fields. A part named like a type is that type's own field container.</summary>
public sealed class ContentPartDefinition
{
    public string Name { get; set; } = "";

    public JsonObject Settings { get; set; } = [];

    [JsonPropertyName("ContentPartFieldDefinitionRecords")]
    public List<ContentPartFieldDefinition> Fields { get; set; } = [];

    public ContentPartFieldDefinition? FindField(string name) => Fields.Find(f => f.Name == name);
}
