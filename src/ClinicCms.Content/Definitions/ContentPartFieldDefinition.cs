using System.Text.Json.Nodes;

namespace ClinicCms.Content.Definitions;

/// <summary>A field on a part. <see cref="FieldName"/> is the field kind (TextField), <see cref="Name"/> the field's name.</summary>
public sealed class ContentPartFieldDefinition
{
    public string FieldName { get; set; } = "";

    public string Name { get; set; } = "";

    public JsonObject Settings { get; set; } = [];

    public ContentPartFieldSettings FieldSettings => Settings.GetSettings<ContentPartFieldSettings>();
}
