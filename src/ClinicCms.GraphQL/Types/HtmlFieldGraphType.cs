using ClinicCms.GraphQL.Queries;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

public sealed class HtmlFieldGraphType : ObjectGraphType<FieldSource>
{
    public HtmlFieldGraphType()
    {
        Name = "HtmlField";
        Field<StringGraphType>("html").Resolve(c => JsonRead.String(c.Source.Value, "Html"));
    }
}
