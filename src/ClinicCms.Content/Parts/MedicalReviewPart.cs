using System.Globalization;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Parts;

/// <summary>
/// ClinicCms's MedicalReviewPart: <c>{ "ReviewedBy", "ReviewedUtc", "NextReviewDueUtc" }</c>, what a page shows as
/// "Medically reviewed by … on …". Written only by an approval (see Versions/MedicalApproval); an edit keeps the stored one.
/// </summary>
public sealed class MedicalReviewPart : IContentPart
{
    public string? ReviewedBy { get; set; }
    public DateTime? ReviewedUtc { get; set; }
    public DateTime? NextReviewDueUtc { get; set; }

    public void ReadFrom(JsonObject? json)
    {
        ReviewedBy = json.GetString("ReviewedBy");
        ReviewedUtc = Scheduling.UtcDates.Read(json, "ReviewedUtc");
        NextReviewDueUtc = Scheduling.UtcDates.Read(json, "NextReviewDueUtc");
    }

    public void WriteTo(JsonObject json)
    {
        json["ReviewedBy"] = ReviewedBy;
        json["ReviewedUtc"] = ReviewedUtc?.ToString("O", CultureInfo.InvariantCulture);
        json["NextReviewDueUtc"] = NextReviewDueUtc?.ToString("O", CultureInfo.InvariantCulture);
    }
}
