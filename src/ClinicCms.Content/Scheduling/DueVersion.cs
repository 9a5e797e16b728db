namespace ClinicCms.Content.Scheduling;

/// <summary>A version whose scheduled publish (a draft) or archive (a published version) is due, as the scheduler's check reads it.</summary>
/// <param name="Id">The version row, which the scheduler claims.</param>
public sealed record DueVersion(long Id, string ContentItemId, bool Published, DateTime DueUtc);

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

/// <summary>The outcome of one due version, with why it was cancelled.</summary>
public sealed record ScheduledRun(DueVersion Due, ScheduledOutcome Outcome, string? Problem = null);
