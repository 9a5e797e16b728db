namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// The per-request batch loader for content pickers. The first picker resolved in a batch of items loads the
/// targets of that picker field for the whole batch with one read; the rest of the batch reads the result.
/// Targets are published versions, as in Orchard. Requests run their resolvers one at a time, so no locking.
/// </summary>
public sealed class PickerLoader(IContentReader reader, ReadScopes scopes, Execution.ReadTags tags)
{
    private readonly Dictionary<(NodeBatch, string, string), Task<Dictionary<string, ContentNode>>> _loads = [];

    /// <summary>The visible targets of one item's picker; completes without allocating a task once its batch is loaded.</summary>
    public async ValueTask<List<ContentNode>> LoadAsync(FieldSource source, IReadOnlyList<string> ids, CancellationToken cancellationToken)
    {
        var key = (source.Node.Batch, source.PartName, source.Definition.Name);
        if (!_loads.TryGetValue(key, out var load))
        {
            load = LoadBatchAsync(source, cancellationToken);
            _loads[key] = load;
        }
        var targets = await load;
        var visible = new List<ContentNode>(ids.Count);
        foreach (var id in ids)
        {
            if (targets.TryGetValue(id, out var node) && await scopes.CanSeeAsync(node))
            {
                visible.Add(node); // each picked item is checked: a picker shows no more than a list would
                tags.Item(node.Item);
            }
        }
        return visible;
    }

    private async Task<Dictionary<string, ContentNode>> LoadBatchAsync(FieldSource source, CancellationToken cancellationToken)
    {
        var ids = source.Node.Batch.Nodes
            .SelectMany(n => JsonRead.Strings(n.Item.Parts[source.PartName]?[source.Definition.Name] as System.Text.Json.Nodes.JsonObject, "ContentItemIds"))
            .Distinct()
            .ToList();
        if (ids.Count == 0)
        {
            return [];
        }
        return NodeBatch.Of(await reader.LoadPublishedAsync(ids, cancellationToken)).ToDictionary(n => n.Item.ContentItemId);
    }
}
