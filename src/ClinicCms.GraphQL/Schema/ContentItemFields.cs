using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.GraphQL.Execution;
using ClinicCms.GraphQL.Queries;
using ClinicCms.GraphQL.Types;
using GraphQL;
using GraphQL.Resolvers;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Schema;

/// <summary>The fields every content item has (without Orchard's render), on the interface and on each type.</summary>
internal static class ContentItemFields
{
    public static void AddTo(IComplexGraphType type)
    {
        foreach (var root in ContentItemRoot.Values.Select((value, index) => (value, index)).OrderBy(SchemaPosition).Select(v => v.value))
        {
            var graphType = root.ClrType == typeof(bool) ? typeof(BooleanGraphType) : root.ClrType == typeof(DateTime) ? typeof(IsoDateTimeGraphType) : typeof(StringGraphType);
            var hidden = root.GraphQLNonNull ? "" : null;
            // User names: hidden from callers who may not see them, as null and "" so the schema and queries stay the same.
            IFieldResolver resolver = root.IsUserName
                ? new FuncFieldResolver<object?>(c => CanSeeAuthors(c) ? root.Get(((ContentNode)c.Source!).Item) ?? hidden : hidden)
                : new SourceReadResolver(source => root.Get(((ContentNode)source!).Item));
            Add(type, root.GraphQLName, root.GraphQLNonNull ? typeof(NonNullGraphType<>).MakeGenericType(graphType) : graphType, resolver);
        }
        // ClinicCms's own: where the version's review stands, for callers who may preview the item; null for everyone else.
        type.AddField(new FieldType
        {
            Name = "reviewState",
            Type = typeof(StringGraphType),
            Description = "Draft, InReview, ChangesRequested or Approved; null without preview rights on the item.",
            Resolver = type is IInterfaceGraphType ? null : new FuncFieldResolver<object?>(ReviewStateAsync),
        });
        // What a reviewer read, so that their approval is refused if the draft changes meanwhile (POST .../review).
        type.AddField(new FieldType
        {
            Name = "concurrencyStamp",
            Type = typeof(StringGraphType),
            Description = "The version's stamp as read, which a review decision names; null without preview rights on the item.",
            Resolver = type is IInterfaceGraphType ? null : new FuncFieldResolver<object?>(ConcurrencyStampAsync),
        });
    }

    private static async ValueTask<object?> ReviewStateAsync(IResolveFieldContext context)
    {
        var item = ((ContentNode)context.Source!).Item;
        return await MayPreviewAsync(context, item) ? ReviewRecord.Of(item).State.ToString() : null;
    }

    private static async ValueTask<object?> ConcurrencyStampAsync(IResolveFieldContext context)
    {
        var item = ((ContentNode)context.Source!).Item;
        return await MayPreviewAsync(context, item) ? item.ConcurrencyStamp : null;
    }

    private static async ValueTask<bool> MayPreviewAsync(IResolveFieldContext context, ContentItem item)
    {
        var reads = ContentReadContext.Of(context);
        var scope = await reads.Access.PreviewScopeAsync(reads.User, item.ContentType);
        return scope == ReadScope.All || (scope == ReadScope.Own && reads.Access.UserId(reads.User) is { } id && id == item.Owner);
    }

    // The schema has listed published before latest from the start; Orchard's JSON, which the list follows, has latest first.
    private static double SchemaPosition((RootValue Value, int Index) root) =>
        root.Value.Name == nameof(ContentItem.Published) ? root.Index - 1.5 : root.Index;

    private static bool CanSeeAuthors(IResolveFieldContext context)
    {
        var reads = ContentReadContext.Of(context);
        return reads.Access.CanSeeAuthors(reads.User);
    }

    private static void Add(IComplexGraphType type, string name, Type graphType, IFieldResolver resolver) =>
        type.AddField(new FieldType
        {
            Name = name,
            Type = graphType,
            // Interfaces only declare fields; each content type resolves them.
            Resolver = type is IInterfaceGraphType ? null : resolver,
        });
}
