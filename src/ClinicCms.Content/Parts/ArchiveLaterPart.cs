using System.Text.Json.Nodes;
using ClinicCms.Content.Scheduling;

namespace ClinicCms.Content.Parts;

/// <summary>
/// Orchard's ArchiveLaterPart: <c>{ "ScheduledArchiveUtc": "2027-01-01T00:00:00Z" }</c>, when the published version
/// is to be unpublished. Unpublishing clears it, as Orchard's handler does.
/// </summary>
public sealed class ArchiveLaterPart : IContentPart
{
    public DateTime? ScheduledArchiveUtc { get; set; }

    public void ReadFrom(JsonObject? json) => ScheduledArchiveUtc = UtcDates.Read(json, nameof(ScheduledArchiveUtc));

    public void WriteTo(JsonObject json) => json[nameof(ScheduledArchiveUtc)] = UtcDates.ToJson(ScheduledArchiveUtc);
}
