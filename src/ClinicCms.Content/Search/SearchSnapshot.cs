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
    public sealed record Postings(int[] Rows, double[] Factors)
    {
        private int[]? _byFactor;

        /// <summary>Indexes into <see cref="Rows"/>, highest factor first; sorted when a query first needs them.</summary>
        public int[] ByFactor
        {
            get
            {
                if (Volatile.Read(ref _byFactor) is { } sorted)
                {
                    return sorted;
                }
                var order = Enumerable.Range(0, Rows.Length).ToArray();
                var factors = Factors;
                Array.Sort(order, (a, b) => factors[b].CompareTo(factors[a]));
                Volatile.Write(ref _byFactor, order);
                return order;
            }
        }
    }

    private const int MaxAllowedSets = 64;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool[]> _allowed = new(StringComparer.Ordinal);
    private int _allowedCount;

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
        var query = new SnapshotQuery(wanted, idf, [.. excluded], Allowed(request, language), documents);
        var total = query.Count();
        // The threshold algorithm pays a lookup per word for each row it reads: past an eighth of the matches (or a few
        // hundred rows on a small site), scoring every match in order costs less.
        if (total > 0 && !query.RankByImpact(top, maxRows: Math.Max(256, total / 8)))
        {
            query.RankAll(top);
        }
        return total;
    }

    /// <summary>Which rows the request's filters let through in one language, kept for the requests that share them.</summary>
    private bool[] Allowed(SearchRequest request, SearchLanguage language)
    {
        var key = new System.Text.StringBuilder().Append(language.Name).Append('\0').Append((int)request.Status).Append('\0')
            .Append(request.Culture).Append('\0').Append(request.OnlyItem);
        foreach (var scope in request.Scopes)
        {
            key.Append('\0').Append(scope.ContentType).Append('\u0001').Append(scope.Owner);
        }
        var text = key.ToString();
        if (_allowed.TryGetValue(text, out var allowed))
        {
            return allowed;
        }
        allowed = new bool[documents.Length];
        for (var row = 0; row < documents.Length; row++)
        {
            allowed[row] = documents[row] is { } document && SearchFilters.Matches(request, language, document);
        }
        // A few kinds of callers ask most searches; past that many sets, each is computed for its request only, and so
        // is a preview's, which names one item. (The dictionary's own Count takes all its locks.)
        if (request.OnlyItem is null && Interlocked.Increment(ref _allowedCount) <= MaxAllowedSets)
        {
            _allowed.TryAdd(text, allowed);
        }
        return allowed;
    }
}
