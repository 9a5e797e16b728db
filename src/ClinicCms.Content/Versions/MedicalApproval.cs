using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Versions;

/// <summary>
/// What an approval writes into a version of a type with MedicalReviewPart, besides its review state: who reviewed it
/// (their profile's byline), when, and when it is due again (the type's ReviewIntervalDays after).
/// </summary>
public sealed record MedicalApproval(string? ReviewedBy, int? IntervalDays)
{
    /// <summary>The longest review interval (ten years); a type's setting outside 1 to this sets no due date.</summary>
    public const int MaxIntervalDays = 3650;

    public void WriteTo(ContentItem version, DateTime now) => version.Apply(PartNames.MedicalReviewPart, new MedicalReviewPart
    {
        ReviewedBy = ReviewedBy,
        ReviewedUtc = now,
        NextReviewDueUtc = IntervalDays is >= 1 and <= MaxIntervalDays and var days ? now.AddDays(days) : null,
    });
}
