using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ClinicCms.Content.Definitions;

/// <summary>A content type in Orchard's record shape: its parts, in order, each with settings.</summary>
public sealed class ContentTypeDefinition
{
    public string Name { get; set; } = "";

    public string? DisplayName { get; set; }

    /// <summary>Settings objects keyed by settings class name (ContentTypeSettings, ...); unknown ones are kept verbatim.</summary>
    public JsonObject Settings { get; set; } = [];

    [JsonPropertyName("ContentTypePartDefinitionRecords")]
    public List<ContentTypePartDefinition> Parts { get; set; } = [];

    public ContentTypeSettings TypeSettings => Settings.GetSettings<ContentTypeSettings>();

    public ContentTypePartDefinition? FindPart(string name) => Parts.Find(p => p.Name == name);

    /// <summary>True when items of this type have a part (by definition name), e.g. TitlePart.</summary>
    public bool Has(string partName) => Parts.Exists(p => p.PartName == partName);
}
