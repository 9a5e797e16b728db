using ClinicCms.GraphQL.Queries;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

public sealed class LinkFieldGraphType : ObjectGraphType<FieldSource>
{
    public LinkFieldGraphType()
    {
        Name = "LinkField";
        Field<StringGraphType>("url").Resolve(c => JsonRead.String(c.Source.Value, "Url"));
        Field<StringGraphType>("text").Resolve(c => JsonRead.String(c.Source.Value, "Text"));
        Field<StringGraphType>("target").Resolve(c => JsonRead.String(c.Source.Value, "Target"));
    }
}
