using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// Resolvers of the root fields: a type's list, its count, and contentItem(contentItemId). Argument values, the where
/// and orderBy objects and their lists included, may be shared by every request of a cached query
/// (<see cref="Execution.CachedOperationPlan.FixedArguments"/>): resolvers read them and never change them.
/// </summary>
internal static class ContentListResolver
{
    public const string Unauthorized = "Unauthorized";

    public static async Task<object?> ListAsync(IResolveFieldContext context, TypeQueryModel model)
    {
        var reads = ContentReadContext.Of(context);
        var options = reads.Options;
        var orderBy = OrderByKeys.InWrittenOrder(context);
        var rule = await CheckAccessAsync(context, reads, model, orderBy);
        var status = rule.Status;
        var requested = context.GetArgument<int?>("first");
        var first = requested > 0 ? requested.Value : options.DefaultNumberOfResults;
        if (first > options.MaxNumberOfResults)
        {
            throw new ExecutionError($"first is {first}; the most a query may ask for is {options.MaxNumberOfResults}.") { Code = "ARGUMENT_INPUT_ERROR" };
        }
        var query = await InCultureAsync(context, rule.Apply(new ContentQuery(model.ContentType)
        {
            Status = status,
            Where = WhereFilters.From(context.GetArgument<Dictionary<string, object?>>("where"), model.Filter),
            OrderBy = OrderByKeys.Resolve(model, orderBy),
            Skip = Math.Max(0, context.GetArgument<int?>("skip") ?? 0),
            First = first,
        }));
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
        var rule = await CheckAccessAsync(context, reads, model, []); // a count has no orderBy
        var query = await InCultureAsync(context, rule.Apply(new ContentQuery(model.ContentType)
        {
            Status = rule.Status,
            Where = WhereFilters.From(context.GetArgument<Dictionary<string, object?>>("where"), model.Filter),
        }));
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
    private static async ValueTask<ContentQuery> InCultureAsync(IResolveFieldContext context, ContentQuery query)
    {
        query = query with { Where = await CultureArguments.WhereAsync(context, query.Where) };
        if (context.FieldDefinition.Arguments?.Find("culture") is null)
        {
            return query;
        }
        if (await CultureArguments.ReadAsync(context, "culture") is not { } culture)
        {
            // Said rather than ignored: without a culture the list has every culture, which is not what was asked.
            return context.GetArgument<bool?>("fallback") == true
                ? throw new ExecutionError("fallback needs culture: give the culture to fall back from, e.g. article(culture: \"es-US\", fallback: true).") { Code = "ARGUMENT_INPUT_ERROR" }
                : query;
        }
        return query with { Culture = culture, Fallback = context.GetArgument<bool?>("fallback") == true };
    }

    /// <summary>
    /// The caller's read rule for the type in the status asked for (<see cref="TypeRead"/>), or an error saying what
    /// they lack; filtering or sorting on owner and author also needs a signed-in caller.
    /// </summary>
    private static async Task<TypeRead> CheckAccessAsync(IResolveFieldContext context, ContentReadContext reads, TypeQueryModel model,
        List<KeyValuePair<string, object?>> orderBy)
    {
        var status = context.GetArgument("status", PublicationStatus.Published);
        var rule = await TypeRead.ForAsync(reads, model.ContentType, status);
        if (rule.Refusal == ReadRefusal.View)
        {
            throw new ExecutionError($"Authorization is required to access the node. {context.FieldDefinition.Name}") { Code = Unauthorized };
        }
        if (rule.Refusal == ReadRefusal.Preview)
        {
            throw new ExecutionError($"Authorization is required to read {status.ToString().ToUpperInvariant()} versions of {model.ContentType}.") { Code = Unauthorized };
        }
        if (!reads.Access.CanSeeAuthors(reads.User)
            && (AuthorColumns.In(model.Filter, context.GetArgument<Dictionary<string, object?>>("where")) || AuthorColumns.In(model, orderBy)))
        {
            throw new ExecutionError("Filtering or sorting on owner or author needs a signed-in caller.") { Code = Unauthorized };
        }
        return rule;
    }
}
