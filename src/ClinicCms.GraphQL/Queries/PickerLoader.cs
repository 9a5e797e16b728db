using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using ClinicCms.GraphQL.Types;
using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// The per-request batch loader for content pickers. The first picker resolved in a batch of items loads the
/// targets of that picker field for the whole batch with one read; the rest of the batch reads the result.
/// Targets are published versions, as in Orchard. Requests run their resolvers one at a time, so no locking.
/// </summary>
public sealed class PickerLoader(IContentReader reader, ReadScopes scopes, Execution.ReadTags tags)
{
    private readonly Dictionary<(NodeBatch, string, string), Task<Dictionary<string, ContentNode>>> _loads = [];
    private (FieldSource Source, Task<Dictionary<string, ContentNode>> Targets)? _last;

    // A picker field's ids, decoded once per field object rather than on every read, for published items: their parsed
    // parts come from the parts cache, which shares them between requests that only read them. Drafts' parts are
    // parsed for their request alone, so their ids are decoded as they are read. The kept lists are read-only.
    private static readonly ConditionalWeakTable<JsonObject, IReadOnlyList<string>> Picked = new();

    private const string IdsProperty = "ContentItemIds";

    private static IReadOnlyList<string> PickedIds(JsonObject? field, NodeBatch batch) =>
        field is null ? []
        : batch.Status == PublicationStatus.Published ? Picked.GetValue(field, static f => JsonRead.Strings(f, IdsProperty).AsReadOnly())
        : JsonRead.Strings(field, IdsProperty);

    /// <summary>
    /// The visible targets of one item's picker, then the field's first / last / skip arguments over them, so that
    /// <c>first: 2</c> gives two items when the picker holds two the caller may see; completes without allocating a
    /// task once its batch is loaded.
    /// </summary>
    public async ValueTask<IReadOnlyList<ContentNode>> LoadAsync(FieldSource source, IResolveFieldContext context)
    {
        var targets = await TargetsAsync(source, context.CancellationToken);
        var ids = PickedIds(source.Value, source.Node.Batch);
        var visible = new List<ContentNode>(ids.Count);
        foreach (var id in ids)
        {
            if (targets.TryGetValue(id, out var node) && await scopes.CanSeeAsync(node))
            {
                visible.Add(node); // each picked item is checked: a picker shows no more than a list would
                tags.Item(node.Item); // the page depends on every visible target, not only the ones it shows
            }
            else
            {
                tags.ItemId(id); // nor does a hidden one stay hidden: publishing it changes this answer
            }
        }
        return ListArguments.Slice(visible, context);
    }

    // The batch's load of this picker field, begun by the first of its items to ask; the items of a batch ask one
    // after another, so the last one asked is checked before the dictionary.
    private Task<Dictionary<string, ContentNode>> TargetsAsync(FieldSource source, CancellationToken cancellationToken)
    {
        if (_last is ({ } last, { } known) && last.Node.Batch == source.Node.Batch && last.Definition == source.Definition && last.PartName == source.PartName)
        {
            return known;
        }
        var key = (source.Node.Batch, source.PartName, source.Definition.Name);
        if (!_loads.TryGetValue(key, out var load))
        {
            load = LoadBatchAsync(source, cancellationToken);
            _loads[key] = load;
        }
        _last = (source, load);
        return load;
    }

    private async Task<Dictionary<string, ContentNode>> LoadBatchAsync(FieldSource source, CancellationToken cancellationToken)
    {
        var ids = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var node in source.Node.Batch.Nodes)
        {
            foreach (var id in PickedIds(node.Item.Parts[source.PartName]?[source.Definition.Name] as JsonObject, source.Node.Batch))
            {
                if (seen.Add(id))
                {
                    ids.Add(id);
                }
            }
        }
        if (ids.Count == 0)
        {
            return [];
        }
        return NodeBatch.Of(await reader.LoadPublishedAsync(ids, cancellationToken)).ToDictionary(n => n.Item.ContentItemId);
    }
}
