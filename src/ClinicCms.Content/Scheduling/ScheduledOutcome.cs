namespace ClinicCms.Content.Scheduling;

/// <summary>What the scheduler did with a due version.</summary>
public enum ScheduledOutcome
{
    Published,
    Archived,

    /// <summary>Another instance claimed it first, or its schedule changed since the check read it.</summary>
    NotClaimed,

    /// <summary>The version is no longer a draft or published version: its time was cleared, nothing else.</summary>
    Stale,

    /// <summary>Publishing or archiving was refused (no approved review) or invalid: the schedule was cancelled.</summary>
    Cancelled,
}
