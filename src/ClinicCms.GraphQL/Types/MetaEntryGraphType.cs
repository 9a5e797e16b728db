using System.Text.Json.Nodes;
using ClinicCms.GraphQL.Queries;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>Orchard's MetaEntry: one custom meta tag's attributes.</summary>
public sealed class MetaEntryGraphType : ObjectGraphType<JsonObject>
{
    public MetaEntryGraphType()
    {
        Name = "MetaEntry";
        Description = "Meta entry";
        foreach (var name in new[] { "Name", "Property", "Content", "HttpEquiv", "Charset" })
        {
            Field<StringGraphType>(Schema.GraphQLNames.FieldName(name)).Resolve(c => JsonRead.String(c.Source, name));
        }
    }
}
