using ClinicCms.Content.Reading.Sql;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// A query the published index answers itself: published versions of a type with no owner restriction, equality on
/// columns and fields joined by AND, any order. Everything else (other operators, OR, NOT, null values, drafts, an
/// owner's own items) goes to SQL, so the index never has to match SQL's semantics beyond equality and order.
/// </summary>
internal sealed class SnapshotQuery
{
    private static readonly OrderKey[] NewestFirst = [new(new ColumnTarget(nameof(ContentItemVersionRow.CreatedUtc), ScalarKind.DateTime), true)];

    private readonly string _contentType;
    private readonly List<(QueryTarget Target, object Value)> _equals = [];
    private static readonly ColumnTarget CultureColumn = new(nameof(ContentItemVersionRow.Culture), ScalarKind.Text);
    private static readonly ColumnTarget SetColumn = new(nameof(ContentItemVersionRow.LocalizationSet), ScalarKind.Text);

    private OrderKey[] _order = [];

    // A culture with its fallback (ContentQuery.Fallback, to the site's default): the rows are chosen per localization set first.
    private (string Culture, string Fallback)? _cultures;

    // One "column in (values)" (a batch of localization sets): the rows holding any of the values.
    private (QueryTarget Target, object[] Values)? _in;

    private bool MatchesAll => _equals.Count == 0 && _cultures is null && _in is null;

    private SnapshotQuery(string contentType) => _contentType = contentType;

    /// <summary>The query, or null when SQL must answer it (which also reports any error in it).</summary>
    public static SnapshotQuery? TryPlan(ContentQuery model, string? fallback)
    {
        if (model.Status != PublicationStatus.Published || model.Owner is not null)
        {
            return null;
        }
        var query = new SnapshotQuery(model.ContentType);
        if (model.Culture is { } culture)
        {
            if (fallback is not null && fallback != culture)
            {
                query._cultures = (culture, fallback);
            }
            else
            {
                query._equals.Add((CultureColumn, culture));
            }
        }
        try
        {
            if (model.Where is { } where && !query.AddEquals(where))
            {
                return null;
            }
        }
        catch (ContentQueryException)
        {
            return null; // a value that does not fit its target: SQL reports it
        }
        if (model.OrderBy.Count == 0)
        {
            query._order = NewestFirst;
            return query;
        }
        foreach (var key in model.OrderBy)
        {
            if (!IndexedRow.Knows(key.Target))
            {
                return null;
            }
        }
        query._order = [.. model.OrderBy];
        return query;
    }

    private bool AddEquals(ContentFilter filter)
    {
        switch (filter)
        {
            case AllOf all:
                foreach (var child in all.Filters)
                {
                    if (!AddEquals(child))
                    {
                        return false;
                    }
                }
                return true;
            case Comparison { Operator: FilterOperator.In, Target: ColumnTarget, Value: IEnumerable<object> values } compare
                when _in is null && IndexedRow.Knows(compare.Target) && values.All(v => v is not null):
                _in = (compare.Target, values.Select(v => ValueComparison.ConvertForTarget(v, compare.Target)!).Distinct().ToArray());
                return true;
            case AnyOf { Filters.Count: 0 }:
                return true; // matches everything, as an empty AllOf
            case Comparison { Operator: FilterOperator.Equal, Value: not null and not IEnumerable<object> } compare
                when compare.Target is ColumnTarget or FieldTarget && IndexedRow.Knows(compare.Target):
                _equals.Add((compare.Target, ValueComparison.ConvertForTarget(compare.Value, compare.Target)!));
                return true;
            default:
                return false;
        }
    }

    /// <summary>The fields the query needs that the snapshot does not hold yet.</summary>
    public List<FieldTarget> MissingFrom(PublishedSnapshot snapshot) =>
        [.. _equals.Select(e => e.Target).Concat(_order.Select(o => o.Target)).OfType<FieldTarget>().Where(f => !snapshot.Holds(f))];

    public int Count(PublishedSnapshot snapshot)
    {
        if (MatchesAll)
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

    public List<ContentItemVersionRow> Page(PublishedSnapshot snapshot, int skip, int take)
    {
        var rows = snapshot.Rows(_contentType);
        var page = new List<ContentItemVersionRow>(Math.Min(take, rows.Length));
        if (MatchesAll)
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

    // Starts from the rows holding the first key's value (or the rows a culture with fallback chooses), then checks the others on each.
    private IEnumerable<int> Matching(PublishedSnapshot snapshot)
    {
        var start = _cultures is { } cultures ? InCultures(snapshot, cultures.Culture, cultures.Fallback)
            : _in is { } any ? any.Values.SelectMany(v => snapshot.Column(_contentType, any.Target).Matching(v)).Distinct().ToList()
            : null;
        var (firstTarget, firstValue) = start is null ? _equals[0] : (null!, null!);
        var others = _equals.Skip(start is null ? 1 : 0).Select(e => (snapshot.Column(_contentType, e.Target).Values, e.Value)).ToArray();
        var inValues = _in is { } check && _cultures is not null ? (snapshot.Column(_contentType, check.Target).Values, new HashSet<object>(check.Values)) : default;
        foreach (var ordinal in start ?? snapshot.Column(_contentType, firstTarget).Matching(firstValue))
        {
            if (HoldsAll(others, ordinal) && (inValues.Item2 is null || (inValues.Values[ordinal] is { } v && inValues.Item2.Contains(v))))
            {
                yield return ordinal;
            }
        }
    }

    // A loop, not a lambda over the ordinal: this runs for every candidate row of every read.
    private static bool HoldsAll((object?[] Values, object Value)[] others, int ordinal)
    {
        foreach (var (values, value) in others)
        {
            if (!Equals(values[ordinal], value))
            {
                return false;
            }
        }
        return true;
    }

    // The rows in the culture, and the fallback culture's rows of sets with none in the culture (a row without a set is its own).
    private List<int> InCultures(PublishedSnapshot snapshot, string culture, string fallback)
    {
        var cultureColumn = snapshot.Column(_contentType, CultureColumn);
        var sets = snapshot.Column(_contentType, SetColumn).Values;
        var chosen = new List<int>(cultureColumn.Matching(culture));
        var translated = new HashSet<object>(chosen.Select(o => sets[o]).OfType<object>());
        foreach (var ordinal in cultureColumn.Matching(fallback))
        {
            if (sets[ordinal] is not { } set || !translated.Contains(set))
            {
                chosen.Add(ordinal);
            }
        }
        return chosen;
    }
}
