using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// LocalizationPart's <c>localizations</c>: the other items of the item's localization set that the caller may see, as
/// a list field would show them: published versions beside a published list, the latest versions beside a list of
/// drafts (which needs preview rights), only the caller's own items when they may see no others.
/// </summary>
internal static class LocalizationResolver
{
    public static async Task<List<ContentNode>> LocalizationsAsync(IResolveFieldContext<PartSource> context)
    {
        var reads = ContentReadContext.Of(context);
        var culture = CultureArguments.Read(context, "culture");
        var item = context.Source.Node.Item;
        if (JsonRead.String(context.Source.Value, "LocalizationSet") is not { Length: > 0 } set)
        {
            return [];
        }
        var status = context.Source.Node.Batch.Status == PublicationStatus.Published ? PublicationStatus.Published : PublicationStatus.Latest;
        var view = await reads.Scopes.ViewAsync(item.ContentType);
        var preview = status == PublicationStatus.Published ? ReadScope.All : await reads.Access.PreviewScopeAsync(reads.User, item.ContentType);
        if (view == ReadScope.None || preview == ReadScope.None || (status != PublicationStatus.Published && reads.Access.PreviewItem(reads.User) is not null))
        {
            return []; // a preview token reads the drafts of its own item only
        }
        var query = new ContentQuery(item.ContentType)
        {
            Status = status,
            Owner = view == ReadScope.Own || preview == ReadScope.Own ? reads.Access.UserId(reads.User) ?? "\0" : null,
            Where = new Comparison(new ColumnTarget("LocalizationSet", ScalarKind.Text), FilterOperator.Equal, set),
            Culture = culture,
            First = reads.Options.MaxNumberOfResults,
        };
        var items = (await reads.Reader.ListAsync(query, context.CancellationToken)).Where(i => i.ContentItemId != item.ContentItemId).ToList();
        reads.Tags.Type(item.ContentType);
        reads.Tags.Items(items);
        return NodeBatch.Of(items, status);
    }
}
