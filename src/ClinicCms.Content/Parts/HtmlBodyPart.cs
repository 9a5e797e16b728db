using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Parts;

/// <summary>Orchard's HtmlBodyPart: <c>{ "Html": "…" }</c>, sanitized on save unless its settings turn that off.</summary>
public sealed class HtmlBodyPart : IContentPart
{
    public string? Html { get; set; }

    public void ReadFrom(JsonObject? json) => Html = json.GetString("Html");

    public void WriteTo(JsonObject json) => json["Html"] = Html;
}
