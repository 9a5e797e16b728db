using System.Text.Json.Nodes;

namespace ClinicCms.Content.Definitions;

/// <summary>A part on a type. <see cref="Name"/> is the instance name (the item's JSON key); <see cref="PartName"/> the part definition.</summary>
public sealed class ContentTypePartDefinition
{
    public string PartName { get; set; } = "";

    public string Name { get; set; } = "";

    public JsonObject Settings { get; set; } = [];
}
