using System.Text.Json.Nodes;
using ClinicCms.Content.Scheduling;

namespace ClinicCms.Content.Parts;

/// <summary>
/// Orchard's PublishLaterPart: <c>{ "ScheduledPublishUtc": "2026-12-01T08:00:00Z" }</c>, when the draft is to be
/// published. Publishing clears it, as Orchard's handler does.
/// </summary>
public sealed class PublishLaterPart : IContentPart
{
    public DateTime? ScheduledPublishUtc { get; set; }

    public void ReadFrom(JsonObject? json) => ScheduledPublishUtc = UtcDates.Read(json, nameof(ScheduledPublishUtc));

    public void WriteTo(JsonObject json) => json[nameof(ScheduledPublishUtc)] = UtcDates.ToJson(ScheduledPublishUtc);
}
