namespace ClinicCms.Content.Reading.Published;

/// <summary>One key's value for every row of a type, by ordinal, and the rows holding each value.</summary>
public sealed class KeyColumn
{
    private readonly Lazy<Dictionary<object, List<int>>> _lookup;

    public KeyColumn(IndexedRow[] rows, QueryTarget target)
    {
        Values = Array.ConvertAll(rows, r => r.Value(target));
        _lookup = new Lazy<Dictionary<object, List<int>>>(() =>
        {
            // Equal as SQL's "=" is on these columns: ordinal text, numbers, booleans and instants by value.
            var lookup = new Dictionary<object, List<int>>();
            for (var i = 0; i < Values.Length; i++)
            {
                if (Values[i] is { } value)
                {
                    (lookup.TryGetValue(value, out var list) ? list : lookup[value] = []).Add(i);
                }
            }
            return lookup;
        });
    }

    public object?[] Values { get; }

    public IReadOnlyList<int> Matching(object value) => _lookup.Value.TryGetValue(value, out var rows) ? rows : [];
}
