namespace ClinicCms.Content.Search;

/// <summary>The best hits seen so far, at most a given number: a heap whose root is the worst kept.</summary>
internal sealed class TopHits(int capacity)
{
    public readonly record struct Hit(int Row, double Score, string ContentItemId);

    private readonly List<Hit> _heap = [];

    public int Capacity => capacity;

    public int Count => _heap.Count;

    /// <summary>The worst hit kept (the heap's root); only when <see cref="Count"/> is not 0.</summary>
    public Hit Worst => _heap[0];

    public void Offer(int row, double score, string contentItemId)
    {
        if (capacity == 0)
        {
            return;
        }
        var hit = new Hit(row, score, contentItemId);
        if (_heap.Count < capacity)
        {
            _heap.Add(hit);
            Up(_heap.Count - 1);
        }
        else if (Better(hit, _heap[0]))
        {
            _heap[0] = hit;
            Down(0);
        }
    }

    /// <summary>The hits kept, best first.</summary>
    public List<Hit> Best()
    {
        var best = _heap.ToList();
        best.Sort((a, b) => Better(a, b) ? -1 : Better(b, a) ? 1 : 0);
        return best;
    }

    // SQL's order: score descending, then the item id ascending by its UTF-8 bytes (SQLite's BINARY collation).
    private static bool Better(Hit a, Hit b) => a.Score > b.Score || (a.Score == b.Score && Utf8Order(a.ContentItemId, b.ContentItemId) < 0);

    private static int Utf8Order(string a, string b)
    {
        var length = Math.Min(a.Length, b.Length);
        for (var i = 0; i < length; i++)
        {
            if (a[i] != b[i])
            {
                // UTF-16 orders surrogates (code points past U+FFFF) below U+E000-U+FFFF; UTF-8 above them.
                var (x, y) = (a[i], b[i]);
                return char.IsSurrogate(x) != char.IsSurrogate(y) && Math.Max(x, y) >= 0xE000 ? (char.IsSurrogate(x) ? 1 : -1) : x.CompareTo(y);
            }
        }
        return a.Length.CompareTo(b.Length);
    }

    private void Up(int i)
    {
        while (i > 0 && Better(_heap[(i - 1) / 2], _heap[i]))
        {
            (_heap[i], _heap[(i - 1) / 2]) = (_heap[(i - 1) / 2], _heap[i]);
            i = (i - 1) / 2;
        }
    }

    private void Down(int i)
    {
        while (true)
        {
            var worst = i;
            foreach (var child in (ReadOnlySpan<int>)[2 * i + 1, 2 * i + 2])
            {
                if (child < _heap.Count && Better(_heap[worst], _heap[child]))
                {
                    worst = child;
                }
            }
            if (worst == i)
            {
                return;
            }
            (_heap[i], _heap[worst]) = (_heap[worst], _heap[i]);
            i = worst;
        }
    }
}
