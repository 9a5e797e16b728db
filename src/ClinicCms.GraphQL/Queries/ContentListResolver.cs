using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>Resolvers of the root fields: a type's list, its count, and contentItem(contentItemId).</summary>
internal static class ContentListResolver
{
    public const string Unauthorized = "Unauthorized";

    public static async Task<object?> ListAsync(IResolveFieldContext context, TypeQueryModel model)
    {
        var reads = ContentReadContext.Of(context);
        var options = reads.Options;
        var orderBy = OrderByKeys.InWrittenOrder(context);
        var (status, owner) = await CheckAccessAsync(context, reads, model, orderBy);
        var requested = context.GetArgument<int?>("first");
        var first = requested > 0 ? requested.Value : options.DefaultNumberOfResults;
        if (first > options.MaxNumberOfResults)
        {
            throw new ExecutionError($"first is {first}; the most a query may ask for is {options.MaxNumberOfResults}.") { Code = "ARGUMENT_INPUT_ERROR" };
        }
        var query = InCulture(context, new ContentQuery(model.ContentType)
        {
            Status = status,
            Owner = owner,
            Where = PreviewItemOnly(reads, status, WhereFilters.From(context.GetArgument<Dictionary<string, object?>>("where"), model.Filter)),
            OrderBy = OrderByKeys.Resolve(model, orderBy),
            Skip = Math.Max(0, context.GetArgument<int?>("skip") ?? 0),
            First = first,
        });
        try
        {
            var items = await reads.Reader.ListAsync(query, context.CancellationToken);
            reads.Tags.Type(model.ContentType);
            reads.Tags.Items(items);
            return NodeBatch.Of(items, status);
        }
        catch (ContentQueryException e)
        {
            throw new ExecutionError(e.Message, e);
        }
    }

    public static async Task<object?> CountAsync(IResolveFieldContext context, TypeQueryModel model)
    {
        var reads = ContentReadContext.Of(context);
        var (status, owner) = await CheckAccessAsync(context, reads, model, []); // a count has no orderBy
        var query = InCulture(context, new ContentQuery(model.ContentType)
        {
            Status = status,
            Owner = owner,
            Where = PreviewItemOnly(reads, status, WhereFilters.From(context.GetArgument<Dictionary<string, object?>>("where"), model.Filter)),
        });
        try
        {
            var count = await reads.Reader.CountAsync(query, context.CancellationToken);
            reads.Tags.Type(model.ContentType);
            return count;
        }
        catch (ContentQueryException e)
        {
            throw new ExecutionError(e.Message, e);
        }
    }

    public static async Task<object?> ItemAsync(IResolveFieldContext context, Func<string, bool> hasType)
    {
        var reads = ContentReadContext.Of(context);
        var item = await reads.Reader.FindPublishedAsync(context.GetArgument<string>("contentItemId"), context.CancellationToken);
        if (item is null || !hasType(item.ContentType))
        {
            return null;
        }
        var node = NodeBatch.Of([item])[0];
        // Checked per item, so a lookup by id shows no more than the list would (a ClinicCms decision).
        if (!await reads.Scopes.CanSeeAsync(node))
        {
            return null;
        }
        reads.Tags.Item(item);
        return node;
    }

    // ClinicCms's culture and fallback arguments (on types with LocalizationPart); the reader falls back to the site's default culture.
    private static ContentQuery InCulture(IResolveFieldContext context, ContentQuery query)
    {
        CultureArguments.CheckWhere(query.Where);
        if (context.FieldDefinition.Arguments?.Find("culture") is null || CultureArguments.Read(context, "culture") is not { } culture)
        {
            return query;
        }
        return query with { Culture = culture, Fallback = context.GetArgument<bool?>("fallback") == true };
    }

    // A preview token reads the drafts of its own item only; published content it reads as its issuer would.
    private static ContentFilter? PreviewItemOnly(ContentReadContext reads, PublicationStatus status, ContentFilter? where)
    {
        if (status == PublicationStatus.Published || reads.Access.PreviewItem(reads.User) is not { } item)
        {
            return where;
        }
        var only = new Comparison(new ColumnTarget("ContentItemId", ScalarKind.Id), FilterOperator.Equal, item);
        return where is null ? only : new AllOf([where, only]);
    }

    /// <summary>
    /// The status asked for, and the owner to restrict to when the caller may only see their own items. Viewing needs
    /// ViewContent (or View_/ViewOwn_{Type}); drafts and old versions also need preview rights (a ClinicCms decision:
    /// Orchard lets any viewer read them).
    /// </summary>
    private static async Task<(PublicationStatus Status, string? Owner)> CheckAccessAsync(IResolveFieldContext context, ContentReadContext reads, TypeQueryModel model,
        List<KeyValuePair<string, object?>> orderBy)
    {
        var access = reads.Access;
        var user = reads.User;
        var status = context.GetArgument("status", PublicationStatus.Published);
        var view = await reads.Scopes.ViewAsync(model.ContentType);
        if (view == ReadScope.None)
        {
            throw new ExecutionError($"Authorization is required to access the node. {context.FieldDefinition.Name}") { Code = Unauthorized };
        }
        var preview = status == PublicationStatus.Published ? ReadScope.All : await access.PreviewScopeAsync(user, model.ContentType);
        if (preview == ReadScope.None)
        {
            throw new ExecutionError($"Authorization is required to read {status.ToString().ToUpperInvariant()} versions of {model.ContentType}.") { Code = Unauthorized };
        }
        if (!access.CanSeeAuthors(user)
            && (AuthorColumns.In(model.Filter, context.GetArgument<Dictionary<string, object?>>("where")) || AuthorColumns.In(model, orderBy)))
        {
            throw new ExecutionError("Filtering or sorting on owner or author needs a signed-in caller.") { Code = Unauthorized };
        }
        var ownOnly = view == ReadScope.Own || preview == ReadScope.Own;
        // A caller limited to their own items but without a user id (anonymous) owns nothing.
        return (status, ownOnly ? access.UserId(user) ?? "\0" : null);
    }
}
