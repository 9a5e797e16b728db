using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;

namespace ClinicCms.Content.Versions;

/// <summary>
/// What an approval writes into a version of a type with MedicalReviewPart, besides its review state: who reviewed it
/// (their profile's byline), when, and when it is due again (the type's ReviewIntervalDays after).
/// </summary>
public sealed record MedicalApproval(string? ReviewedBy, int? IntervalDays)
{
    public void WriteTo(ContentItem version, DateTime now) => version.Apply(PartNames.MedicalReviewPart, new MedicalReviewPart
    {
        ReviewedBy = ReviewedBy,
        ReviewedUtc = now,
        NextReviewDueUtc = IntervalDays is > 0 and var days ? now.AddDays(days) : null,
    });
}
