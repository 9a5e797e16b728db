namespace ClinicCms.Content.Scheduling;

/// <summary>A version whose scheduled publish (a draft) or archive (a published version) is due, as the scheduler's check reads it.</summary>
/// <param name="Id">The version row, which the scheduler claims.</param>
public sealed record DueVersion(long Id, string ContentItemId, bool Published, DateTime DueUtc);
