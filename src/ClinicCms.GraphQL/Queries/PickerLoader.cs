using System.Text.Json.Nodes;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// The per-request batch loader for content pickers. The first picker resolved in a batch of items loads the
/// targets of that picker field for the whole batch with one read; the rest of the batch reads the result.
/// Targets are published versions, as in Orchard. Requests run their resolvers one at a time, so no locking.
/// </summary>
public sealed class PickerLoader(IContentReader reader, ReadScopes scopes, Execution.ReadTags tags)
{
    private readonly Dictionary<(NodeBatch, string, string), Task<Loaded>> _loads = [];

    // The targets by id, and each picker field's ids as the batch read them (by the field's JSON object), so an item's
    // resolver does not decode its ids from the JSON a second time.
    private sealed record Loaded(Dictionary<string, ContentNode> Targets, Dictionary<JsonObject, List<string>> Picked);

    /// <summary>
    /// The visible targets of one item's picker, among the ids <paramref name="slice"/> keeps; completes without
    /// allocating a task once its batch is loaded.
    /// </summary>
    public async ValueTask<List<ContentNode>> LoadAsync(FieldSource source, Func<List<string>, List<string>> slice, CancellationToken cancellationToken)
    {
        var key = (source.Node.Batch, source.PartName, source.Definition.Name);
        if (!_loads.TryGetValue(key, out var load))
        {
            load = LoadBatchAsync(source, cancellationToken);
            _loads[key] = load;
        }
        var loaded = await load;
        var ids = slice(source.Value is { } field && loaded.Picked.TryGetValue(field, out var picked) ? picked : JsonRead.Strings(source.Value, IdsProperty));
        var visible = new List<ContentNode>(ids.Count);
        foreach (var id in ids)
        {
            if (loaded.Targets.TryGetValue(id, out var node) && await scopes.CanSeeAsync(node))
            {
                visible.Add(node); // each picked item is checked: a picker shows no more than a list would
                tags.Item(node.Item);
            }
        }
        return visible;
    }

    private const string IdsProperty = "ContentItemIds";

    private async Task<Loaded> LoadBatchAsync(FieldSource source, CancellationToken cancellationToken)
    {
        var picked = new Dictionary<JsonObject, List<string>>(ReferenceEqualityComparer.Instance);
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in source.Node.Batch.Nodes)
        {
            if (node.Item.Parts[source.PartName]?[source.Definition.Name] is not JsonObject field)
            {
                continue;
            }
            var fieldIds = JsonRead.Strings(field, IdsProperty);
            picked[field] = fieldIds;
            foreach (var id in fieldIds)
            {
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }
        if (ids.Count == 0)
        {
            return new Loaded([], picked);
        }
        return new Loaded(NodeBatch.Of(await reader.LoadPublishedAsync(ids, cancellationToken)).ToDictionary(n => n.Item.ContentItemId), picked);
    }
}
