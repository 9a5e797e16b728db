using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Parts;

/// <summary>Orchard's TitlePart: <c>{ "Title": "…" }</c>; the title becomes the item's DisplayText.</summary>
public sealed class TitlePart : IContentPart
{
    public string? Title { get; set; }

    public void ReadFrom(JsonObject? json) => Title = json.GetString("Title");

    public void WriteTo(JsonObject json) => json["Title"] = Title;
}
