using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Validation;
using ClinicCms.Content.Versions;

namespace ClinicCms.Content.Scheduling;

/// <summary>
/// The rules for a version's schedule, for every writer: a new time must lie in the future and an archive after the
/// publish; scheduling the publish of a type that requires review needs an approved draft (the same gate as
/// publishing, so a reviewer approves by scheduling); an edit that sends an approved draft back to draft cancels the
/// publish it had scheduled, so the scheduler never publishes what nobody approved.
/// </summary>
public static class ScheduleRules
{
    public const string PublishPath = $"{PartNames.PublishLaterPart}.{nameof(PublishLaterPart.ScheduledPublishUtc)}";
    public const string ArchivePath = $"{PartNames.ArchiveLaterPart}.{nameof(ArchiveLaterPart.ScheduledArchiveUtc)}";

    /// <summary>
    /// Checks the schedule of <paramref name="edit"/> (its review already kept, see <see cref="VersionTransitions.KeepReview"/>)
    /// against the version it replaces. Returns why it is refused or invalid, or null (the edit may then have lost a publish time).
    /// A reviewer's schedule approves the draft, writing <paramref name="medical"/> as an approval does.
    /// </summary>
    public static ContentSaveResult? Check(ContentItem edit, ContentItem? stored, ContentTypeDefinition? type, ContentUser user, DateTime now, MedicalApproval? medical = null)
    {
        var requiresReview = type?.TypeSettings.RequiresReview == true;
        var (publish, archive) = (ScheduleParts.PublishUtc(edit), ScheduleParts.ArchiveUtc(edit));
        var (storedPublish, storedArchive) = stored is null ? (null, null) : (ScheduleParts.PublishUtc(stored), ScheduleParts.ArchiveUtc(stored));
        var (newPublish, newArchive) = (publish is not null && publish != storedPublish, archive is not null && archive != storedArchive);
        var errors = new List<ContentError>();
        NotAttached(type, PartNames.PublishLaterPart, newPublish, PublishPath, errors);
        NotAttached(type, PartNames.ArchiveLaterPart, newArchive, ArchivePath, errors);
        if (newPublish && publish <= now)
        {
            errors.Add(new ContentError(PublishPath, $"{UtcDates.Show(publish!.Value)} is in the past (it is {UtcDates.Show(now)}): schedule a later time"));
        }
        if (newArchive && archive <= now)
        {
            errors.Add(new ContentError(ArchivePath, $"{UtcDates.Show(archive!.Value)} is in the past (it is {UtcDates.Show(now)}): schedule a later time"));
        }
        if ((newPublish || newArchive) && publish is not null && archive <= publish)
        {
            errors.Add(new ContentError(ArchivePath, $"the archive time {UtcDates.Show(archive!.Value)} must come after the publish time {UtcDates.Show(publish.Value)}"));
        }
        if (errors.Count > 0)
        {
            return ContentSaveResult.Invalid(errors);
        }
        if ((newPublish || newArchive) && !user.CanPublish)
        {
            return ContentSaveResult.Refused("Scheduling a publish or an archive needs the right to publish this item (PublishContent).");
        }
        if (publish is null || !requiresReview || edit.Published)
        {
            return null;
        }
        if (!newPublish)
        {
            if (ReviewRecord.Of(edit).State != ReviewState.Approved)
            {
                ScheduleParts.SetPublish(edit, null); // the approval it was scheduled on is gone with the edit
            }
            return null;
        }
        return VersionTransitions.CheckApproval(edit, type, user, now, medical) is { } refused
            ? ContentSaveResult.Refused($"Scheduling a publish: {refused}.")
            : null;
    }

    private static void NotAttached(ContentTypeDefinition? type, string partName, bool scheduled, string path, List<ContentError> errors)
    {
        if (scheduled && type is not null && !type.Has(partName))
        {
            errors.Add(new ContentError(path, $"the content type {type.Name} has no {partName}: attach it to the type to schedule its items"));
        }
    }
}
