namespace ClinicCms.Content.Search;

/// <summary>
/// One language's part of a search on a <see cref="SearchSnapshot"/>: the rows holding every wanted token and no
/// excluded one that the filters allow. Counted by walking the rarest token's rows; ranked by reading each token's
/// rows from its highest factor down until no row not yet read can reach the page (Fagin's threshold algorithm),
/// or, when that would read too many, by scoring every match. Both score a row with the same operations, so the
/// page is the same either way.
/// </summary>
internal sealed class SnapshotQuery(SearchSnapshot.Postings[] wanted, double[] idf, SearchSnapshot.Postings[] excluded, bool[] allowed,
    SnapshotDocument?[] documents)
{
    public int Count()
    {
        var at = new int[wanted.Length];
        var excludedAt = new int[excluded.Length];
        var count = 0;
        foreach (var row in Rarest().Rows)
        {
            if (allowed[row] && AllHold(at, row) && !AnyExcluded(excludedAt, row))
            {
                count++;
            }
        }
        return count;
    }

    /// <summary>Offers every match to <paramref name="top"/>.</summary>
    public void RankAll(TopHits top)
    {
        var at = new int[wanted.Length];
        var excludedAt = new int[excluded.Length];
        foreach (var row in Rarest().Rows)
        {
            if (allowed[row] && AllHold(at, row) && !AnyExcluded(excludedAt, row))
            {
                var score = 0.0;
                for (var i = 0; i < wanted.Length; i++)
                {
                    score += idf[i] * wanted[i].Factors[at[i]];
                }
                top.Offer(row, score, documents[row]!.ContentItemId);
            }
        }
    }

    /// <summary>
    /// Offers <paramref name="top"/> the matches that can be on its page, reading at most <paramref name="maxRows"/>
    /// rows; false (and nothing offered) when that was not enough.
    /// </summary>
    public bool RankByImpact(TopHits top, int maxRows)
    {
        var found = new TopHits(top.Capacity);
        var seen = new HashSet<int>();
        var orders = wanted.Select(p => p.ByFactor).ToArray();
        var shortest = wanted.Min(p => p.Rows.Length);
        for (var depth = 0; depth < shortest && found.Capacity > 0; depth++)
        {
            var threshold = 0.0;
            for (var i = 0; i < wanted.Length; i++)
            {
                var row = wanted[i].Rows[orders[i][depth]];
                if (seen.Add(row) && Score(row) is { } score)
                {
                    found.Offer(row, score, documents[row]!.ContentItemId);
                }
                threshold += idf[i] * wanted[i].Factors[orders[i][depth]];
            }
            // A row not read yet is deeper in every list: its score is at most the threshold (a score never grows
            // when a factor shrinks). Equal to the worst kept, it could still come first by its item id.
            if (found.Count == found.Capacity && threshold < found.Worst.Score)
            {
                break;
            }
            if (seen.Count > maxRows)
            {
                return false;
            }
        }
        // Past the shortest list's end every row holding all the wanted tokens has been read.
        foreach (var hit in found.Best())
        {
            top.Offer(hit.Row, hit.Score, hit.ContentItemId);
        }
        return true;
    }

    // The row's score when it matches, by random access to each token's rows.
    private double? Score(int row)
    {
        if (!allowed[row])
        {
            return null;
        }
        foreach (var postings in excluded)
        {
            if (Array.BinarySearch(postings.Rows, row) >= 0)
            {
                return null;
            }
        }
        var score = 0.0;
        for (var i = 0; i < wanted.Length; i++)
        {
            var at = Array.BinarySearch(wanted[i].Rows, row);
            if (at < 0)
            {
                return null;
            }
            score += idf[i] * wanted[i].Factors[at];
        }
        return score;
    }

    private SearchSnapshot.Postings Rarest() => wanted.MinBy(p => p.Rows.Length)!;

    private bool AllHold(int[] at, int row)
    {
        for (var i = 0; i < wanted.Length; i++)
        {
            if (!Seek(wanted[i].Rows, ref at[i], row))
            {
                return false;
            }
        }
        return true;
    }

    private bool AnyExcluded(int[] at, int row)
    {
        for (var i = 0; i < excluded.Length; i++)
        {
            if (Seek(excluded[i].Rows, ref at[i], row))
            {
                return true;
            }
        }
        return false;
    }

    // Moves the cursor to the first row at or after the one sought (galloping, then a binary search); rows only grow.
    private static bool Seek(int[] rows, ref int at, int row)
    {
        var step = 1;
        var low = at;
        while (at < rows.Length && rows[at] < row)
        {
            low = at;
            at = (int)Math.Min(rows.Length, (long)at + step);
            step <<= 1;
        }
        if (at - low > 1)
        {
            var found = Array.BinarySearch(rows, low, Math.Min(at, rows.Length - 1) - low + 1, row);
            at = found >= 0 ? found : ~found;
        }
        return at < rows.Length && rows[at] == row;
    }
}
