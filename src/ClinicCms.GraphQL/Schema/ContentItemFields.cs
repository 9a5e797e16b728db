using ClinicCms.GraphQL.Queries;
using GraphQL;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>The fields every content item has (spec 3.4, without Orchard's render), on the interface and on each type.</summary>
internal static class ContentItemFields
{
    public static void AddTo(IComplexGraphType type)
    {
        Add(type, "contentItemId", typeof(NonNullGraphType<StringGraphType>), n => n.Item.ContentItemId);
        Add(type, "contentItemVersionId", typeof(StringGraphType), n => n.Item.ContentItemVersionId);
        Add(type, "contentType", typeof(NonNullGraphType<StringGraphType>), n => n.Item.ContentType);
        Add(type, "displayText", typeof(StringGraphType), n => n.Item.DisplayText);
        Add(type, "published", typeof(NonNullGraphType<BooleanGraphType>), n => n.Item.Published);
        Add(type, "latest", typeof(NonNullGraphType<BooleanGraphType>), n => n.Item.Latest);
        Add(type, "modifiedUtc", typeof(DateTimeGraphType), n => n.Item.ModifiedUtc);
        Add(type, "publishedUtc", typeof(DateTimeGraphType), n => n.Item.PublishedUtc);
        Add(type, "createdUtc", typeof(DateTimeGraphType), n => n.Item.CreatedUtc);
        // User names: hidden from callers who may not see them, as null and "" so the schema and queries stay the same.
        Add(type, "owner", typeof(StringGraphType), (n, c) => CanSeeAuthors(c) ? n.Item.Owner : null);
        Add(type, "author", typeof(NonNullGraphType<StringGraphType>), (n, c) => CanSeeAuthors(c) ? n.Item.Author ?? "" : "");
    }

    private static bool CanSeeAuthors(IResolveFieldContext context)
    {
        var reads = ContentReadContext.Of(context);
        return reads.Access.CanSeeAuthors(reads.User);
    }

    private static void Add(IComplexGraphType type, string name, Type graphType, Func<ContentNode, object?> read) =>
        Add(type, name, graphType, (n, _) => read(n));

    private static void Add(IComplexGraphType type, string name, Type graphType, Func<ContentNode, IResolveFieldContext, object?> read) =>
        type.AddField(new FieldType
        {
            Name = name,
            Type = graphType,
            // Interfaces only declare fields; each content type resolves them.
            Resolver = type is IInterfaceGraphType ? null : new global::GraphQL.Resolvers.FuncFieldResolver<object?>(c => read((ContentNode)c.Source!, c)),
        });
}
