using ClinicCms.Content.Store;
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
        var status = await CheckStatusAsync(context, model);
        var requested = context.GetArgument<int?>("first");
        var first = requested > 0 ? requested.Value : options.DefaultNumberOfResults;
        if (first > options.MaxNumberOfResults)
        {
            throw new ExecutionError($"first is {first}; the most a query may ask for is {options.MaxNumberOfResults}.") { Code = "ARGUMENT_INPUT_ERROR" };
        }
        var skip = Math.Max(0, context.GetArgument<int?>("skip") ?? 0);
        var translator = services.GetRequiredService<ContentQueryTranslator>();
        var query = translator.Filter(model, status, context.GetArgument<Dictionary<string, object?>>("where"));
        var records = await translator.Order(query, model, OrderByKeys.InWrittenOrder(context))
            .Skip(skip).Take(first).ToListAsync(context.CancellationToken);
        return NodeBatch.Of(records.Select(ContentItemMapper.ToItem));
    }

    public static async Task<object?> CountAsync(IResolveFieldContext context, TypeQueryModel model)
    {
        var status = await CheckStatusAsync(context, model);
        var translator = context.RequestServices!.GetRequiredService<ContentQueryTranslator>();
        return await translator.Filter(model, status, context.GetArgument<Dictionary<string, object?>>("where")).CountAsync(context.CancellationToken);
    }

    public static async Task<object?> ItemAsync(IResolveFieldContext context, Func<string, bool> hasType)
    {
        var id = context.GetArgument<string>("contentItemId");
        var db = context.RequestServices!.GetRequiredService<ClinicCmsDbContext>();
        var record = await db.ContentItems.AsNoTracking().FirstOrDefaultAsync(r => r.ContentItemId == id && r.Published, context.CancellationToken);
        return record is null || !hasType(record.ContentType) ? null : NodeBatch.Of([ContentItemMapper.ToItem(record)])[0];
    }

    // Drafts and old versions need preview rights (a ClinicCms decision: Orchard lets any viewer read them).
    private static async Task<PublicationStatus> CheckStatusAsync(IResolveFieldContext context, TypeQueryModel model)
    {
        var status = context.GetArgument("status", PublicationStatus.Published);
        if (status != PublicationStatus.Published &&
            !await context.RequestServices!.GetRequiredService<IContentReadAccess>().CanPreviewAsync(context.User ?? new(), model.ContentType))
        {
            throw new ExecutionError($"Authorization is required to read {status.ToString().ToUpperInvariant()} versions of {model.ContentType}.") { Code = Unauthorized };
        }
        return status;
    }
}
