using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Parts;

/// <summary>
/// Orchard's LocalizationPart: <c>{ "LocalizationSet": "…", "Culture": "en-US" }</c>. The items of one localization set
/// are one piece of content in several cultures, each an item of its own.
/// </summary>
public sealed class LocalizationPart : IContentPart
{
    public string? LocalizationSet { get; set; }

    public string? Culture { get; set; }

    public void ReadFrom(JsonObject? json)
    {
        LocalizationSet = json.GetString("LocalizationSet");
        Culture = json.GetString("Culture");
    }

    public void WriteTo(JsonObject json)
    {
        json["LocalizationSet"] = LocalizationSet;
        json["Culture"] = Culture;
    }
}
