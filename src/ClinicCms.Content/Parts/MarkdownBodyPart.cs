using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Parts;

/// <summary>Orchard's MarkdownBodyPart: <c>{ "Markdown": "…" }</c>.</summary>
public sealed class MarkdownBodyPart : IContentPart
{
    public string? Markdown { get; set; }

    public void ReadFrom(JsonObject? json) => Markdown = json.GetString("Markdown");

    public void WriteTo(JsonObject json) => json["Markdown"] = Markdown;
}
