namespace ClinicCms.Content.Scheduling;

/// <summary>The outcome of one due version, with why it was cancelled.</summary>
public sealed record ScheduledRun(DueVersion Due, ScheduledOutcome Outcome, string? Problem = null);
