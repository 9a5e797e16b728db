namespace ClinicCms.Content.Reading.Published;

/// <summary>A type's rows sorted by a list of keys, then by row id descending, as the SQL query orders them.</summary>
public sealed class RowOrder
{
    public RowOrder(PublishedSnapshot snapshot, string contentType, OrderKey[] keys)
    {
        var rows = snapshot.Rows(contentType);
        var columns = keys.Select(k => (snapshot.Column(contentType, k.Target).Values, k.Descending)).ToArray();
        Sorted = [.. Enumerable.Range(0, rows.Length)];
        Array.Sort(Sorted, (a, b) =>
        {
            foreach (var (values, descending) in columns)
            {
                var compared = SqliteOrder.Compare(values[a], values[b]);
                if (compared != 0)
                {
                    return descending ? -compared : compared;
                }
            }
            return rows[b].Head.Id.CompareTo(rows[a].Head.Id);
        });
        Rank = new int[rows.Length];
        for (var i = 0; i < Sorted.Length; i++)
        {
            Rank[Sorted[i]] = i;
        }
    }

    /// <summary>Ordinals in order.</summary>
    public int[] Sorted { get; }

    /// <summary>Each ordinal's place in <see cref="Sorted"/>.</summary>
    public int[] Rank { get; }
}
