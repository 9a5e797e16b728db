using System.Text.Json.Nodes;
using ClinicCms.Content.Parts;
using ClinicCms.GraphQL.Queries;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>
/// Orchard's SeoMetaPart type (field <c>seoMeta</c>): the texts as stored, the three images as MediaFields and the
/// custom meta tags as their attributes. Orchard's meta tag <c>tag</c> (rendered HTML) is left out: GraphQL renders no HTML.
/// </summary>
public sealed class SeoMetaPartGraphType : ObjectGraphType<PartSource>
{
    public SeoMetaPartGraphType(IGraphType mediaField)
    {
        Name = "SeoMetaPart";
        Description = "SEO meta fields: what a frontend writes into the page's head.";
        Field<NonNullGraphType<BooleanGraphType>>("render").Description("Whether to render the SEO metas.")
            .Resolve(c => JsonRead.Boolean(c.Source.Value, "Render") ?? true);
        foreach (var (name, _) in SeoMetaPart.Texts)
        {
            // The Google schema goes into a page's script element: given back with <, > and & escaped as JSON allows.
            Field<StringGraphType>(Schema.GraphQLNames.FieldName(name)).Resolve(name == nameof(SeoMetaPart.GoogleSchema)
                ? c => ClinicCms.Content.StructuredData.JsonLdWriting.Rewrite(JsonRead.String(c.Source.Value, name))
                : c => JsonRead.String(c.Source.Value, name));
        }
        foreach (var image in SeoMetaPart.Images)
        {
            var definition = SeoMetaPart.ImageField(image);
            AddField(new FieldType
            {
                Name = Schema.GraphQLNames.FieldName(image),
                ResolvedType = mediaField,
                Resolver = new global::GraphQL.Resolvers.FuncFieldResolver<PartSource, object?>(c =>
                    c.Source.Value?[image] is JsonObject json ? new FieldSource(c.Source.Node, c.Source.PartName, definition, json) : null),
            });
        }
        Field<ListGraphType<MetaEntryGraphType>>("customMetaTags")
            .Resolve(c => (c.Source.Value?[SeoMetaPart.CustomMetaTags] as JsonArray ?? []).OfType<JsonObject>().ToList());
    }
}
