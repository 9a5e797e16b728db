using System.Collections;
using ClinicCms.Content.Store;

namespace ClinicCms.GraphQL.Queries.Published;

/// <summary>
/// A list query the published index answers itself: equality on columns and fields joined by AND (nested in parts and
/// AND lists too), any orderBy. Everything else (other operators, OR, NOT, null values, drafts, an owner's own items)
/// goes to SQL, so the index never has to match SQL's semantics beyond equality and order.
/// </summary>
internal sealed class SnapshotQuery
{
    private static readonly OrderKey[] NewestFirst = [new(new ColumnTarget(nameof(ContentItemRecord.CreatedUtc), ScalarKind.DateTime), true)];

    private readonly string _contentType;
    private readonly List<(QueryTarget Target, object Value)> _equals = [];
    private OrderKey[] _order = [];

    private SnapshotQuery(string contentType) => _contentType = contentType;

    /// <summary>The query, or null when SQL must answer it (which also reports any error in the arguments).</summary>
    public static SnapshotQuery? TryPlan(TypeQueryModel model, IDictionary<string, object?>? where, IEnumerable<KeyValuePair<string, object?>>? orderBy)
    {
        var query = new SnapshotQuery(model.ContentType);
        try
        {
            if (where is not null && !query.AddEquals(where, model.Filter))
            {
                return null;
            }
        }
        catch (global::GraphQL.ExecutionError)
        {
            return null; // a value that does not fit its key: SQL reports it
        }
        foreach (var (key, value) in orderBy ?? [])
        {
            // The same keys the SQL translator skips: contentType, and anything that is not a known key and direction.
            if (key == "contentType" || value is not string direction || !model.Order.TryGetValue(key, out var target))
            {
                continue;
            }
            if (!IndexedRow.Knows(target))
            {
                return null;
            }
            query._order = [.. query._order, new OrderKey(target, direction == "DESC")];
        }
        if (query._order.Length == 0)
        {
            query._order = NewestFirst;
        }
        return query;
    }

    private bool AddEquals(IDictionary<string, object?> where, FilterModel model)
    {
        foreach (var (key, value) in where)
        {
            if (!model.Keys.TryGetValue(key, out var entry))
            {
                return false;
            }
            switch (entry.Target)
            {
                case PartTarget part when value is IDictionary<string, object?> nested:
                    if (!AddEquals(nested, part.Nested))
                    {
                        return false;
                    }
                    break;
                case PartTarget:
                    break; // a part key without an object matches everything, as in SQL
                case LogicTarget { Operator: "AND" } when value is IEnumerable list and not IDictionary<string, object?>:
                    foreach (var child in list.OfType<IDictionary<string, object?>>())
                    {
                        if (!AddEquals(child, model))
                        {
                            return false;
                        }
                    }
                    break;
                case ColumnTarget or FieldTarget when entry.Operator == "" && value is not null and not IEnumerable<object> && IndexedRow.Knows(entry.Target):
                    var target = entry.Target;
                    _equals.Add((target, ValueComparison.ConvertForTarget(value, target)!));
                    break;
                default:
                    return false;
            }
        }
        return true;
    }

    /// <summary>The fields the query needs that the snapshot does not hold yet.</summary>
    public List<FieldTarget> MissingFrom(PublishedSnapshot snapshot) =>
        [.. _equals.Select(e => e.Target).Concat(_order.Select(o => o.Target)).OfType<FieldTarget>().Where(f => !snapshot.Holds(f))];

    public int Count(PublishedSnapshot snapshot)
    {
        if (_equals.Count == 0)
        {
            return snapshot.Rows(_contentType).Length;
        }
        var count = 0;
        foreach (var _ in Matching(snapshot))
        {
            count++;
        }
        return count;
    }

    public List<ContentItemRecord> Page(PublishedSnapshot snapshot, int skip, int take)
    {
        var rows = snapshot.Rows(_contentType);
        var page = new List<ContentItemRecord>(Math.Min(take, rows.Length));
        if (_equals.Count == 0)
        {
            var sorted = snapshot.Order(_contentType, _order).Sorted;
            for (var i = skip; i < sorted.Length && page.Count < take; i++)
            {
                page.Add(rows[sorted[i]].Head);
            }
            return page;
        }
        var matching = Matching(snapshot).ToArray();
        if (matching.Length > 1) // a lookup by path or id needs no order
        {
            var rank = snapshot.Order(_contentType, _order).Rank;
            Array.Sort(Array.ConvertAll(matching, ordinal => rank[ordinal]), matching);
        }
        for (var i = skip; i < matching.Length && page.Count < take; i++)
        {
            page.Add(rows[matching[i]].Head);
        }
        return page;
    }

    // Starts from the rows holding the first key's value, then checks the others on each.
    private IEnumerable<int> Matching(PublishedSnapshot snapshot)
    {
        var (firstTarget, firstValue) = _equals[0];
        var others = _equals.Skip(1).Select(e => (snapshot.Column(_contentType, e.Target).Values, e.Value)).ToArray();
        foreach (var ordinal in snapshot.Column(_contentType, firstTarget).Matching(firstValue))
        {
            if (others.All(o => Equals(o.Values[ordinal], o.Value)))
            {
                yield return ordinal;
            }
        }
    }
}
