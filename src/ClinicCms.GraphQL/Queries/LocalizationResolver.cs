using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// LocalizationPart's <c>localizations</c>, as Orchard Core has it: every item of the item's localization set, the item
/// itself included, or the set's item in one culture when <c>culture</c> is given; only those the caller may read, as a
/// list field would show them (published versions beside a published list, the latest beside a list of drafts).
/// </summary>
internal static class LocalizationResolver
{
    public static async Task<List<ContentNode>> LocalizationsAsync(IResolveFieldContext<PartSource> context)
    {
        var reads = ContentReadContext.Of(context);
        var culture = await CultureArguments.ReadAsync(context, "culture");
        if (JsonRead.String(context.Source.Value, "LocalizationSet") is not { Length: > 0 } set)
        {
            return [];
        }
        return await reads.Localizations.LoadAsync(context.Source.Node, set, culture, context.CancellationToken);
    }
}
