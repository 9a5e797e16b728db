namespace ClinicCms.Content.Search;

/// <summary>
/// The SQLite search index at one revision, held in memory so that ranking does not score every match in SQL: for
/// each FTS5 token the rows holding it, ascending, with its bm25 factor there (see <see cref="Bm25"/>; the table's
/// statistics are fixed in a snapshot, so only the IDF is left for the query). A query is
/// the intersection of its words' rows less the excluded words' rows, scored as FTS5 scores it and cut to the page
/// with a heap, so the answer equals <see cref="SqliteSearchIndex"/>'s. Phrases need positions, which it does not
/// keep: <see cref="Search"/> returns null for them.
/// </summary>
internal sealed class SearchSnapshot(long revision, SnapshotDocument?[] documents, Dictionary<string, SearchSnapshot.Postings> terms)
{
    /// <summary>The rows holding one token, ascending, with the token's bm25 factor in each.</summary>
    public sealed record Postings(int[] Rows, double[] Factors);

    public long Revision => revision;

    /// <summary>
    /// How many documents match the request in all and the page of them, best first (score, then item id, as SQL
    /// orders); null when the request has a phrase or a word FTS5 reads as several tokens.
    /// </summary>
    public (int Total, List<(SnapshotDocument Document, double Score)> Page)? Search(SearchRequest request)
    {
        if (request.Status is not (Reading.PublicationStatus.Published or Reading.PublicationStatus.Latest or Reading.PublicationStatus.Draft))
        {
            return null; // SQL answers with the error
        }
        var top = new TopHits((int)Math.Min(int.MaxValue, (long)request.Skip + request.First));
        var total = 0;
        foreach (var language in request.Languages)
        {
            if (request.Expression.TermsIn(language) is not { } clauses || request.Scopes.Count == 0)
            {
                continue;
            }
            var wanted = new List<Postings?>();
            var excluded = new List<Postings>();
            foreach (var clause in clauses)
            {
                if (clause.Words.Count != 1 || Fts5Tokens.Single(clause.Words[0]) is not { } token)
                {
                    return null;
                }
                var postings = terms.GetValueOrDefault(token);
                if (!clause.Excluded)
                {
                    wanted.Add(postings);
                }
                else if (postings is not null)
                {
                    excluded.Add(postings);
                }
            }
            if (wanted.Contains(null))
            {
                continue; // a word no row holds: nothing matches in this language
            }
            total += Match(request, language, [.. wanted.Select(p => p!)], excluded, top);
        }
        return (total, [.. top.Best().Skip(request.Skip).Select(h => (documents[h.Row]!, h.Score))]);
    }

    private int Match(SearchRequest request, SearchLanguage language, Postings[] wanted, List<Postings> excluded, TopHits top)
    {
        // As FTS5: every row of the table counts, whatever the query's filters.
        var idf = wanted.Select(p => Bm25.Idf(documents.Length, p.Rows.Length)).ToArray();
        var at = new int[wanted.Length];
        var excludedAt = new int[excluded.Count];
        var driver = Array.IndexOf(wanted, wanted.MinBy(p => p.Rows.Length));
        var matched = 0;
        foreach (var row in wanted[driver].Rows)
        {
            if (!AllHold(wanted, at, row) || AnyHolds(excluded, excludedAt, row)
                || documents[row] is not { } document || !SearchFilters.Matches(request, language, document))
            {
                continue;
            }
            var score = 0.0;
            for (var i = 0; i < wanted.Length; i++)
            {
                score += idf[i] * wanted[i].Factors[at[i]];
            }
            matched++;
            top.Offer(row, score, document.ContentItemId);
        }
        return matched;
    }

    private static bool AllHold(Postings[] lists, int[] at, int row)
    {
        for (var i = 0; i < lists.Length; i++)
        {
            if (!Seek(lists[i].Rows, ref at[i], row))
            {
                return false;
            }
        }
        return true;
    }

    private static bool AnyHolds(List<Postings> lists, int[] at, int row)
    {
        for (var i = 0; i < lists.Count; i++)
        {
            if (Seek(lists[i].Rows, ref at[i], row))
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
        if (at > low && at - low > 1)
        {
            var found = Array.BinarySearch(rows, low, Math.Min(at, rows.Length - 1) - low + 1, row);
            at = found >= 0 ? found : ~found;
        }
        return at < rows.Length && rows[at] == row;
    }
}
