using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Es;
using Lucene.Net.Tartarus.Snowball;
using Lucene.Net.Tartarus.Snowball.Ext;

namespace ClinicCms.Content.Search;

/// <summary>
/// How the words of one language are indexed and searched: split into runs of letters and digits, lower-cased, stop
/// words dropped, and stemmed with the Snowball algorithm of the language. These are the algorithms and stop lists of
/// PostgreSQL's <c>english</c> and <c>spanish</c> text search configurations, so both providers match the same words
/// (<c>simple</c>, for any other culture, only lower-cases).
/// </summary>
public sealed class SearchLanguage
{
    /// <summary>Snowball's Spanish stop words (PostgreSQL's too), as Lucene ships them.</summary>
    private static readonly Lucene.Net.Analysis.Util.CharArraySet SpanishStopWords = SpanishAnalyzer.DefaultStopSet
        ?? throw new InvalidOperationException("Lucene's Spanish stop words are missing.");

    /// <summary>PostgreSQL's (Snowball's) English stop words.</summary>
    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.Ordinal)
    {
        "i", "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself", "yourselves",
        "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its", "itself", "they", "them", "their",
        "theirs", "themselves", "what", "which", "who", "whom", "this", "that", "these", "those", "am", "is", "are", "was",
        "were", "be", "been", "being", "have", "has", "had", "having", "do", "does", "did", "doing", "a", "an", "the",
        "and", "but", "if", "or", "because", "as", "until", "while", "of", "at", "by", "for", "with", "about", "against",
        "between", "into", "through", "during", "before", "after", "above", "below", "to", "from", "up", "down", "in",
        "out", "on", "off", "over", "under", "again", "further", "then", "once", "here", "there", "when", "where", "why",
        "how", "all", "any", "both", "each", "few", "more", "most", "other", "some", "such", "no", "nor", "not", "only",
        "own", "same", "so", "than", "too", "very", "s", "t", "can", "will", "just", "don", "should", "now",
    };

    public static readonly SearchLanguage English = new("english", () => new EnglishStemmer(), w => EnglishStopWords.Contains(w));
    public static readonly SearchLanguage Spanish = new("spanish", () => new SpanishStemmer(), w => SpanishStopWords.Contains(w));
    public static readonly SearchLanguage Simple = new("simple", null, _ => false);

    public static readonly IReadOnlyList<SearchLanguage> All = [English, Spanish, Simple];

    // Texts repeat a small vocabulary: each word is stemmed once, up to this many words per language.
    private const int MaxCachedTerms = 100_000;

    // Longer "words" (codes, base64 in a field) are rare and would make each entry large.
    private const int MaxCachedLength = 32;

    private readonly ThreadLocal<SnowballProgram>? _stemmer;
    private readonly Func<string, bool> _isStopWord;
    private readonly ConcurrentDictionary<string, string?> _terms = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string?>.AlternateLookup<ReadOnlySpan<char>> _termsBySpan;
    private int _cachedTerms;

    [ThreadStatic]
    private static StringBuilder? _threadTermText;

    private SearchLanguage(string name, Func<SnowballProgram>? stemmer, Func<string, bool> isStopWord)
    {
        Name = name;
        _stemmer = stemmer is null ? null : new ThreadLocal<SnowballProgram>(stemmer);
        _isStopWord = isStopWord;
        _termsBySpan = _terms.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    /// <summary>The PostgreSQL text search configuration of the same rules (also stored with each indexed version).</summary>
    public string Name { get; }

    /// <summary>The language of a culture: en-* English, es-* Spanish, any other (or none) simple.</summary>
    public static SearchLanguage For(string? culture) => Localization.CultureName.Language(culture) switch
    {
        "en" => English,
        "es" => Spanish,
        _ => Simple,
    };

    public static SearchLanguage? Named(string name) => All.FirstOrDefault(l => l.Name == name);

    /// <summary>
    /// The term a word of a search query is looked up under, or null for a stop word. Query words are the caller's,
    /// anonymous ones included: they are stemmed without being remembered, so junk queries cannot fill the cache.
    /// </summary>
    public string? QueryTerm(string word) => Term(word.AsSpan(), remember: false);

    /// <summary>Whether the stem of this (lower-case) word is remembered.</summary>
    public bool Remembers(string word) => _terms.ContainsKey(word);

    /// <summary>The term a word of content is indexed under, or null for a stop word.</summary>
    public string? Term(ReadOnlySpan<char> word) => Term(word, remember: true);

    private string? Term(ReadOnlySpan<char> word, bool remember)
    {
        Span<char> lower = word.Length <= 64 ? stackalloc char[word.Length] : new char[word.Length];
        word.ToLowerInvariant(lower);
        if (_termsBySpan.TryGetValue(lower, out var cached))
        {
            return cached;
        }
        var text = new string(lower);
        var term = Stem(text);
        if (remember && text.Length <= MaxCachedLength && _cachedTerms < MaxCachedTerms && _terms.TryAdd(text, term))
        {
            Interlocked.Increment(ref _cachedTerms);
        }
        return term;
    }

    private string? Stem(string lower)
    {
        if (_isStopWord(lower))
        {
            return null;
        }
        if (_stemmer is null)
        {
            return lower;
        }
        var stemmer = _stemmer.Value!;
        stemmer.SetCurrent(lower);
        stemmer.Stem();
        return stemmer.Current;
    }

    /// <summary>The terms of a text, in order, stop words left out.</summary>
    public IEnumerable<string> Terms(string text)
    {
        foreach (var (start, length) in Words(text))
        {
            if (Term(text.AsSpan(start, length)) is { } term)
            {
                yield return term;
            }
        }
    }

    /// <summary>
    /// The terms of a text in order, stop words left out, separated by single spaces: <c>string.Join(' ', Terms(text))</c>
    /// in one pass, as every indexed text is turned into terms.
    /// </summary>
    public string TermText(string text)
    {
        var builder = _threadTermText ??= new StringBuilder();
        builder.Clear();
        var first = true;
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (text[i] < 0x80 ? char.IsAsciiLetterOrDigit(text[i]) : IsWordChar(text, i));
            if (inWord)
            {
                start = start < 0 ? i : start;
                continue;
            }
            if (start >= 0 && Term(text.AsSpan(start, i - start)) is { } term)
            {
                (first ? builder : builder.Append(' ')).Append(term);
                first = false;
            }
            start = -1;
        }
        var terms = builder.ToString();
        if (builder.Capacity > 1 << 20)
        {
            _threadTermText = null; // a huge text's buffer is not kept for the thread's life
        }
        return terms;
    }

    /// <summary>Where the words of a text are: runs of letters, digits and combining marks.</summary>
    public static IEnumerable<(int Start, int Length)> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && IsWordChar(text, i);
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                yield return (start, i - start);
                start = -1;
            }
        }
    }

    private static bool IsWordChar(string text, int i)
    {
        var c = text[i];
        if (char.IsSurrogate(c))
        {
            // A letter outside the basic plane (its two halves) is part of a word; an unpaired half never is.
            return char.IsHighSurrogate(c) ? i + 1 < text.Length && char.IsLetterOrDigit(text, i)
                : i > 0 && char.IsHighSurrogate(text[i - 1]) && char.IsLetterOrDigit(text, i - 1);
        }
        return char.IsLetterOrDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark;
    }
}
