using ClinicCms.GraphQL.Queries;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>ClinicCms's MedicalReviewPart: who last approved the content, when, and when it is due for review again.</summary>
public sealed class MedicalReviewPartGraphType : ObjectGraphType<PartSource>
{
    public MedicalReviewPartGraphType()
    {
        Name = "MedicalReviewPart";
        Description = "The last medical review: null until a reviewer approves the item.";
        Field<StringGraphType>("reviewedBy").Description("The reviewer's display name and credentials.").Resolve(c => JsonRead.String(c.Source.Value, "ReviewedBy"));
        Field<IsoDateTimeGraphType>("reviewedUtc").Description("When the reviewer approved this content.").Resolve(c => JsonRead.Date(c.Source.Value, "ReviewedUtc"));
        Field<IsoDateTimeGraphType>("nextReviewDueUtc").Description("When the content is due for review again; null if the type sets no interval.").Resolve(c => JsonRead.Date(c.Source.Value, "NextReviewDueUtc"));
    }
}
