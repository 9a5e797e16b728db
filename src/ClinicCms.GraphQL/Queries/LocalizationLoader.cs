using ClinicCms.Content.ContentItems;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// The per-request batch loader for <c>localizations</c>: the first item of a batch that asks loads the localization
/// sets of every item of the batch with one read per content type (a list of N items costs one query, not N), and the
/// rest of the batch reads the result. Requests run their resolvers one at a time, so no locking.
/// </summary>
public sealed class LocalizationLoader(ContentReadContext reads)
{
    private readonly Dictionary<(NodeBatch, string?), Task<Dictionary<(string, string), List<ContentNode>>>> _loads = [];

    /// <summary>The items of the set of <paramref name="node"/> the caller may read, itself included, in one culture when given.</summary>
    public async ValueTask<List<ContentNode>> LoadAsync(ContentNode node, string set, string? culture, CancellationToken cancellationToken)
    {
        var key = (node.Batch, culture);
        if (!_loads.TryGetValue(key, out var load))
        {
            load = LoadBatchAsync(node.Batch, culture, cancellationToken);
            _loads[key] = load;
        }
        return (await load).TryGetValue((node.Item.ContentType, set), out var items) ? items : [];
    }

    private async Task<Dictionary<(string, string), List<ContentNode>>> LoadBatchAsync(NodeBatch batch, string? culture, CancellationToken cancellationToken)
    {
        // Published versions beside a published list; the latest versions beside drafts (which needs preview rights).
        var status = batch.Status == PublicationStatus.Published ? PublicationStatus.Published : PublicationStatus.Latest;
        var found = new List<ContentItem>();
        foreach (var type in batch.Nodes.GroupBy(n => n.Item.ContentType))
        {
            var sets = type.Select(n => SetOf(n.Item)).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
            var rule = await TypeRead.ForAsync(reads, type.Key, status);
            if (sets.Count == 0 || !rule.Allowed)
            {
                continue;
            }
            var query = rule.Apply(new ContentQuery(type.Key)
            {
                Status = status,
                Where = new Comparison(new ColumnTarget("LocalizationSet", ScalarKind.Text), FilterOperator.In, sets),
                Culture = culture,
                First = sets.Count * reads.Options.MaxNumberOfResults,
            });
            var items = await reads.Reader.ListAsync(query, cancellationToken);
            reads.Tags.Type(type.Key);
            reads.Tags.Items(items);
            found.AddRange(items);
        }
        var nodes = NodeBatch.Of(found.OrderBy(i => i.ContentType, StringComparer.Ordinal).ThenBy(CultureOf, StringComparer.Ordinal)
            .ThenBy(i => i.ContentItemId, StringComparer.Ordinal), status);
        return nodes.GroupBy(n => (n.Item.ContentType, SetOf(n.Item)!))
            .ToDictionary(g => g.Key, g => g.Take(reads.Options.MaxNumberOfResults).ToList());
    }

    private static string? SetOf(ContentItem item) => LocalizationValue(item, "LocalizationSet");

    private static string CultureOf(ContentItem item) => LocalizationValue(item, "Culture") ?? "";

    // The LocalizationPart is attached under its own name; an item has at most one.
    private static string? LocalizationValue(ContentItem item, string property) =>
        item.Parts.Select(p => p.Value as System.Text.Json.Nodes.JsonObject)
            .Where(p => p?["LocalizationSet"] is not null && p.ContainsKey("Culture"))
            .Select(p => JsonRead.String(p, property))
            .FirstOrDefault(v => v is { Length: > 0 });
}
