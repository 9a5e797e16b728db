using System.Text;

namespace ClinicCms.Content.Search;

/// <summary>One part of a query: a word, or words that must appear together ("a phrase"), maybe excluded (-word).</summary>
public sealed record SearchClause(IReadOnlyList<string> Words, bool Excluded);

/// <summary>
/// A parsed search query, in the websearch style both providers support: words (all must match), "quoted phrases", and
/// -word or -"phrase" to exclude. Everything else the user types is data: FTS5's and tsquery's operators (NEAR, *, :, |,
/// parentheses) are punctuation, which separates words as it does in the indexed text.
/// </summary>
public sealed class SearchExpression
{
    public const int MaxLength = 256;
    public const int MaxWords = 32;

    private SearchExpression(List<SearchClause> clauses) => Clauses = clauses;

    public IReadOnlyList<SearchClause> Clauses { get; }

    public static SearchExpression Parse(string? query)
    {
        if (string.IsNullOrWhiteSpace(query))
        {
            throw new SearchQueryException("The search query is empty.");
        }
        if (query.Length > MaxLength)
        {
            throw new SearchQueryException($"The search query is {query.Length} characters long; at most {MaxLength} are allowed.");
        }
        if (!IsWellFormed(query))
        {
            throw new SearchQueryException("The search query contains an unpaired surrogate (invalid UTF-16).");
        }
        var clauses = new List<SearchClause>();
        var i = 0;
        while (i < query.Length)
        {
            if (char.IsWhiteSpace(query[i]))
            {
                i++;
                continue;
            }
            var excluded = query[i] == '-' && i + 1 < query.Length && !char.IsWhiteSpace(query[i + 1]);
            var start = excluded ? i + 1 : i;
            string chunk;
            if (query[start] == '"')
            {
                var close = query.IndexOf('"', start + 1);
                if (close < 0)
                {
                    throw new SearchQueryException($"The quote at character {start + 1} of the search query is not closed.");
                }
                chunk = query[(start + 1)..close];
                i = close + 1;
            }
            else
            {
                var end = start;
                while (end < query.Length && !char.IsWhiteSpace(query[end]) && query[end] != '"')
                {
                    end++;
                }
                chunk = query[start..end];
                i = end;
            }
            var words = SearchLanguage.Words(chunk).Select(w => chunk.Substring(w.Start, w.Length).ToLowerInvariant()).ToList();
            if (words.Count > 0)
            {
                clauses.Add(new SearchClause(words, excluded));
            }
        }
        var count = clauses.Sum(c => c.Words.Count);
        if (count > MaxWords)
        {
            throw new SearchQueryException($"The search query has {count} words; at most {MaxWords} are allowed.");
        }
        if (!clauses.Exists(c => !c.Excluded))
        {
            throw new SearchQueryException(clauses.Count == 0
                ? "The search query has no words to search for (letters or digits)."
                : "The search query only excludes words; give at least one word to search for.");
        }
        return new SearchExpression(clauses);
    }

    /// <summary>
    /// The clauses as one language indexes them (its terms, stop words left out); null when nothing is left to search
    /// for in that language (every word a stop word).
    /// </summary>
    public IReadOnlyList<SearchClause>? TermsIn(SearchLanguage language)
    {
        var clauses = Clauses
            .Select(c => c with { Words = [.. c.Words.Select(language.QueryTerm).OfType<string>()] })
            .Where(c => c.Words.Count > 0)
            .ToList();
        return clauses.Exists(c => !c.Excluded) ? clauses : null;
    }

    /// <summary>
    /// The query for PostgreSQL's websearch_to_tsquery: every clause quoted, so its words are only ever words (an
    /// "or" is not an operator). Words are letters and digits, so no quote can appear inside one.
    /// </summary>
    public string ToWebSearch()
    {
        var text = new StringBuilder();
        foreach (var clause in Clauses)
        {
            text.Append(text.Length == 0 ? "" : " ").Append(clause.Excluded ? "-\"" : "\"").AppendJoin(' ', clause.Words).Append('"');
        }
        return text.ToString();
    }

    /// <summary>The FTS5 MATCH expression of clauses from <see cref="TermsIn"/>: each a quoted phrase of terms.</summary>
    public static string ToFts5(IReadOnlyList<SearchClause> clauses)
    {
        var wanted = string.Join(" AND ", clauses.Where(c => !c.Excluded).Select(Phrase));
        var excluded = clauses.Where(c => c.Excluded).Select(Phrase).ToList();
        return excluded.Count == 0 ? wanted : $"({wanted}) NOT ({string.Join(" OR ", excluded)})";

        static string Phrase(SearchClause c) => "\"" + string.Join(' ', c.Words).Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
    }

    private static bool IsWellFormed(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(text[i]))
            {
                return false;
            }
        }
        return true;
    }
}
