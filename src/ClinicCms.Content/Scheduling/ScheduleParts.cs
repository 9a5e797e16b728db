using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Scheduling;

/// <summary>
/// Reads and clears a version's PublishLaterPart and ArchiveLaterPart, and works out the version's due time: the
/// value of its indexed <c>ScheduledUtc</c> column, which is all the scheduler's check reads.
/// </summary>
public static class ScheduleParts
{
    public static DateTime? PublishUtc(ContentItem item) => item.Get<PublishLaterPart>(PartNames.PublishLaterPart).ScheduledPublishUtc;

    public static DateTime? ArchiveUtc(ContentItem item) => item.Get<ArchiveLaterPart>(PartNames.ArchiveLaterPart).ScheduledArchiveUtc;

    /// <summary>
    /// When the scheduler has something to do with this version: archive it when it is published, publish it when it
    /// is the latest draft; otherwise (history) never.
    /// </summary>
    public static DateTime? DueUtc(ContentItem item) => item.Published ? ArchiveUtc(item) : item.Latest ? PublishUtc(item) : null;

    public static bool IsSchedulePart(string partName) => partName is PartNames.PublishLaterPart or PartNames.ArchiveLaterPart;

    public static void SetPublish(ContentItem item, DateTime? utc) =>
        item.Apply(PartNames.PublishLaterPart, new PublishLaterPart { ScheduledPublishUtc = utc });

    public static void SetArchive(ContentItem item, DateTime? utc) =>
        item.Apply(PartNames.ArchiveLaterPart, new ArchiveLaterPart { ScheduledArchiveUtc = utc });

    /// <summary>Clears both times, keeping the parts.</summary>
    public static void Unschedule(ContentItem item)
    {
        Published(item);
        Unpublished(item);
    }

    /// <summary>A published version's publish is done: its time is cleared (the part stays, as Orchard's handler leaves it).</summary>
    public static void Published(ContentItem item)
    {
        if (item.Part(PartNames.PublishLaterPart) is not null)
        {
            SetPublish(item, null);
        }
    }

    /// <summary>An unpublished version's archive is done (or moot): its time is cleared.</summary>
    public static void Unpublished(ContentItem item)
    {
        if (item.Part(PartNames.ArchiveLaterPart) is not null)
        {
            SetArchive(item, null);
        }
    }
}
