using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Parts;

/// <summary>Orchard's AutoroutePart: <c>{ "Path": "…" }</c>, the item's unique path, generated from a pattern when empty.</summary>
public sealed class AutoroutePart : IContentPart
{
    public string? Path { get; set; }

    public void ReadFrom(JsonObject? json) => Path = json.GetString("Path");

    public void WriteTo(JsonObject json) => json["Path"] = Path;
}
