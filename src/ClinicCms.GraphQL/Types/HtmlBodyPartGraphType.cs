using ClinicCms.GraphQL.Queries;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

public sealed class HtmlBodyPartGraphType : ObjectGraphType<PartSource>
{
    public HtmlBodyPartGraphType()
    {
        Name = "HtmlBodyPart";
        Description = "The body of the item, as HTML.";
        Field<StringGraphType>("html").Description("The HTML, as stored.").Resolve(c => JsonRead.String(c.Source.Value, "Html"));
    }
}
