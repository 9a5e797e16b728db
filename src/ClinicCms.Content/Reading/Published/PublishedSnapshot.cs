using System.Collections.Concurrent;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// Every published version of the site as of one content revision, grouped by type and by content item id. Lookups
/// by a key's value and orders by a list of keys are built the first time a query needs them, then shared by every
/// request that reads this revision. Nothing in it changes once built.
/// </summary>
public sealed class PublishedSnapshot
{
    private readonly Dictionary<string, IndexedRow[]> _byType;
    private readonly Dictionary<string, IndexedRow> _byItemId;
    private readonly ConcurrentDictionary<(string Type, QueryTarget Target), Lazy<KeyColumn>> _columns = new();
    private readonly ConcurrentDictionary<OrderOfType, Lazy<RowOrder>> _orders = new();

    public PublishedSnapshot(long revision, IReadOnlySet<(string Part, string Field)> fields, IEnumerable<IndexedRow> rows)
    {
        Revision = revision;
        Fields = fields;
        _byType = rows.GroupBy(r => r.Head.ContentType, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderBy(r => r.Ordinal).ToArray(), StringComparer.Ordinal);
        _byItemId = _byType.Values.SelectMany(r => r).ToDictionary(r => r.Head.ContentItemId, StringComparer.Ordinal);
    }

    public long Revision { get; }

    /// <summary>The fields whose values it holds: those some query has filtered or ordered by.</summary>
    public IReadOnlySet<(string Part, string Field)> Fields { get; }

    public bool Holds(FieldTarget field) => Fields.Contains((field.Part, field.Field));

    public int Count => _byItemId.Count;

    public IndexedRow[] Rows(string contentType) => _byType.GetValueOrDefault(contentType) ?? [];

    public IndexedRow? Find(string contentItemId) => _byItemId.GetValueOrDefault(contentItemId);

    public KeyColumn Column(string contentType, QueryTarget target) =>
        _columns.GetOrAdd((contentType, target), key => new Lazy<KeyColumn>(() => new KeyColumn(Rows(key.Type), key.Target))).Value;

    public RowOrder Order(string contentType, OrderKey[] keys) =>
        _orders.GetOrAdd(new OrderOfType(contentType, keys), key => new Lazy<RowOrder>(() => new RowOrder(this, key.Type, key.Keys))).Value;

    // Equal when the type and every key are: the lookup key of an order, without building a string per request.
    private readonly record struct OrderOfType(string Type, OrderKey[] Keys)
    {
        public bool Equals(OrderOfType other) => Type == other.Type && Keys.AsSpan().SequenceEqual(other.Keys);

        public override int GetHashCode()
        {
            var hash = new HashCode();
            hash.Add(Type);
            foreach (var key in Keys)
            {
                hash.Add(key);
            }
            return hash.ToHashCode();
        }
    }
}
