using ClinicCms.GraphQL.Queries;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>
/// The root <c>search(query, contentTypes, culture, first, skip, status)</c> field and its answer types:
/// <c>SearchResults { total items }</c> and <c>SearchHit { score snippet contentItem }</c>.
/// </summary>
internal static class SearchFields
{
    public const string FieldName = "search";

    public static void AddRoot(ObjectGraphType query, IInterfaceGraphType contentItem, EnumerationGraphType status, IReadOnlyCollection<string> searchable)
    {
        var hit = new ObjectGraphType { Name = "SearchHit", Description = "One search match." };
        hit.AddField(new FieldType
        {
            Name = "score",
            Description = "Relevance, higher first; comparable only within one answer.",
            Type = typeof(NonNullGraphType<FloatGraphType>),
            Resolver = new FuncFieldResolver<SearchAnswerItem, double>(c => c.Source.Score),
        });
        hit.AddField(new FieldType
        {
            Name = "snippet",
            Description = "An excerpt as HTML: the content's text HTML-escaped, the matched words wrapped in <mark>.",
            Type = typeof(NonNullGraphType<StringGraphType>),
            Resolver = new FuncFieldResolver<SearchAnswerItem, string>(c => c.Source.Snippet),
        });
        hit.AddField(new FieldType
        {
            Name = "contentItem",
            ResolvedType = new NonNullGraphType(contentItem),
            Resolver = new FuncFieldResolver<SearchAnswerItem, ContentNode>(c => c.Source.ContentItem),
        });
        var results = new ObjectGraphType { Name = "SearchResults" };
        results.AddField(new FieldType
        {
            Name = "total",
            Description = "How many versions match in all, without paging.",
            Type = typeof(NonNullGraphType<IntGraphType>),
            Resolver = new FuncFieldResolver<SearchAnswer, int>(c => c.Source.Total),
        });
        results.AddField(new FieldType
        {
            Name = "items",
            ResolvedType = new NonNullGraphType(new ListGraphType(new NonNullGraphType(hit))),
            Resolver = new FuncFieldResolver<SearchAnswer, IReadOnlyList<SearchAnswerItem>>(c => c.Source.Items),
        });
        query.AddField(new FieldType
        {
            Name = FieldName,
            Description = "Full-text search over the content the caller may read: words (all must match), \"quoted phrases\", -word to exclude.",
            ResolvedType = new NonNullGraphType(results),
            Arguments = new QueryArguments(
                new QueryArgument<NonNullGraphType<StringGraphType>> { Name = "query" },
                new QueryArgument<ListGraphType<NonNullGraphType<StringGraphType>>> { Name = "contentTypes" },
                new QueryArgument<StringGraphType> { Name = "culture" },
                new QueryArgument<IntGraphType> { Name = "first" },
                new QueryArgument<IntGraphType> { Name = "skip" },
                new QueryArgument(status) { Name = "status", DefaultValue = ClinicCms.Content.Reading.PublicationStatus.Published }),
            Resolver = new FuncFieldResolver<object?>(async c => await SearchResolver.SearchAsync(c, searchable)),
        });
    }
}
