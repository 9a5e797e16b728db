using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using ClinicCms.GraphQL.Queries.Published;
using GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Queries;

/// <summary>Resolvers of the root fields: a type's list, its count, and contentItem(contentItemId).</summary>
internal static class ContentListResolver
{
    public const string Unauthorized = "Unauthorized";

    public static async Task<object?> ListAsync(IResolveFieldContext context, TypeQueryModel model)
    {
        var services = context.RequestServices!;
        var options = services.GetRequiredService<IOptions<GraphQLOptions>>().Value;
        var (status, owner) = await CheckAccessAsync(context, model);
        var requested = context.GetArgument<int?>("first");
        var first = requested > 0 ? requested.Value : options.DefaultNumberOfResults;
        if (first > options.MaxNumberOfResults)
        {
            throw new ExecutionError($"first is {first}; the most a query may ask for is {options.MaxNumberOfResults}.") { Code = "ARGUMENT_INPUT_ERROR" };
        }
        var skip = Math.Max(0, context.GetArgument<int?>("skip") ?? 0);
        var where = context.GetArgument<Dictionary<string, object?>>("where");
        var orderBy = OrderByKeys.InWrittenOrder(context);
        var reader = services.GetRequiredService<ContentItemReader>();
        if (Plan(context, model, status, owner, where, orderBy) is ({ } snapshot, { } indexed))
        {
            return NodeBatch.Of(await reader.ReadAsync(indexed.Page(snapshot, skip, first), context.CancellationToken));
        }
        var translator = services.GetRequiredService<ContentQueryTranslator>();
        var query = translator.Filter(model, status, where, owner);
        var page = translator.Order(query, model, orderBy).Skip(skip).Take(first);
        return NodeBatch.Of(await reader.ReadAsync(page, context.CancellationToken));
    }

    public static async Task<object?> CountAsync(IResolveFieldContext context, TypeQueryModel model)
    {
        var (status, owner) = await CheckAccessAsync(context, model);
        var where = context.GetArgument<Dictionary<string, object?>>("where");
        if (Plan(context, model, status, owner, where, null) is ({ } snapshot, { } indexed))
        {
            return indexed.Count(snapshot);
        }
        var translator = context.RequestServices!.GetRequiredService<ContentQueryTranslator>();
        return await translator.Filter(model, status, where, owner).CountAsync(context.CancellationToken);
    }

    public static async Task<object?> ItemAsync(IResolveFieldContext context, Func<string, bool> hasType)
    {
        var id = context.GetArgument<string>("contentItemId");
        var reader = context.RequestServices!.GetRequiredService<ContentItemReader>();
        List<ContentItem> items;
        if (Indexed(context, PublicationStatus.Published, null) is { } snapshot)
        {
            items = await reader.ReadAsync(snapshot.Find(id) is { } row ? [row.Head] : [], context.CancellationToken);
        }
        else
        {
            var db = context.RequestServices!.GetRequiredService<ClinicCmsDbContext>();
            items = await reader.ReadAsync(db.ContentItems.AsNoTracking().Where(r => r.ContentItemId == id && r.Published).Take(1), context.CancellationToken);
        }
        if (items.Count == 0 || !hasType(items[0].ContentType))
        {
            return null;
        }
        var node = NodeBatch.Of(items)[0];
        // Checked per item, so a lookup by id shows no more than the list would (a ClinicCms decision).
        return await context.RequestServices!.GetRequiredService<ReadScopes>().CanSeeAsync(context.User ?? new(), node) ? node : null;
    }

    /// <summary>The published snapshot, when the read is of published items with no owner restriction and one is current.</summary>
    private static PublishedSnapshot? Indexed(IResolveFieldContext context, PublicationStatus status, string? owner) =>
        status == PublicationStatus.Published && owner is null ? context.RequestServices!.GetRequiredService<PublishedView>().Snapshot : null;

    /// <summary>The published snapshot and the query on it, when the index can answer; else null, and SQL answers.</summary>
    private static (PublishedSnapshot, SnapshotQuery)? Plan(IResolveFieldContext context, TypeQueryModel model, PublicationStatus status, string? owner,
        IDictionary<string, object?>? where, IEnumerable<KeyValuePair<string, object?>>? orderBy)
    {
        // Planned first: a query the index cannot answer costs no read of the revision.
        if (SnapshotQuery.TryPlan(model, where, orderBy) is not { } query || Indexed(context, status, owner) is not { } snapshot)
        {
            return null;
        }
        if (query.MissingFrom(snapshot) is { Count: > 0 } fields)
        {
            context.RequestServices!.GetRequiredService<PublishedIndex>().Want(fields);
            return null;
        }
        return (snapshot, query);
    }

    /// <summary>
    /// The status asked for, and the owner to restrict to when the caller may only see their own items. Viewing needs
    /// ViewContent (or View_/ViewOwn_{Type}); drafts and old versions also need preview rights (a ClinicCms decision:
    /// Orchard lets any viewer read them).
    /// </summary>
    private static async Task<(PublicationStatus Status, string? Owner)> CheckAccessAsync(IResolveFieldContext context, TypeQueryModel model)
    {
        var access = context.RequestServices!.GetRequiredService<IContentReadAccess>();
        var user = context.User ?? new();
        var status = context.GetArgument("status", PublicationStatus.Published);
        var view = await access.ViewScopeAsync(user, model.ContentType);
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
            && (AuthorColumns.In(model.Filter, context.GetArgument<Dictionary<string, object?>>("where")) || AuthorColumns.In(model, OrderByKeys.InWrittenOrder(context))))
        {
            throw new ExecutionError("Filtering or sorting on owner or author needs a signed-in caller.") { Code = Unauthorized };
        }
        var ownOnly = view == ReadScope.Own || preview == ReadScope.Own;
        // A caller limited to their own items but without a user id (anonymous) owns nothing.
        return (status, ownOnly ? access.UserId(user) ?? "\0" : null);
    }
}
