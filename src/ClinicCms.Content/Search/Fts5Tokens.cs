using System.Globalization;
using System.Buffers;
using System.Text;

namespace ClinicCms.Content.Search;

/// <summary>
/// The tokens FTS5's unicode61 tokenizer makes of the index's terms: a token starts at a letter, digit or private-use
/// character (its default categories L*, N* and Co) and goes on over those and over the combining accents SQLite
/// counts as diacritics (some of U+0300-U+0331); anything else, other combining marks included, separates tokens.
/// The terms are already lower case, which unicode61's folding leaves as they are. Characters that Unicode assigned
/// after the version SQLite's tables follow may be classed differently; they do not occur in English or Spanish text.
/// </summary>
internal static class Fts5Tokens
{
    /// <summary>Calls <paramref name="token"/> for each token of <paramref name="text"/>, in order.</summary>
    public static void Each<TState>(string text, TState state, Action<TState, ReadOnlyMemory<char>> token)
    {
        var start = -1;
        var i = 0;
        while (i <= text.Length)
        {
            var length = 1;
            var inToken = false;
            if (i < text.Length)
            {
                if (Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out length) == OperationStatus.Done)
                {
                    inToken = IsTokenCategory(Rune.GetUnicodeCategory(rune)) || (start >= 0 && IsDiacritic(rune.Value));
                }
                length = Math.Max(1, length);
            }
            if (inToken && start < 0)
            {
                start = i;
            }
            else if (!inToken && start >= 0)
            {
                token(state, Folded(text.AsMemory(start, i - start)));
                start = -1;
            }
            i += length;
        }
    }

    /// <summary>The one token a query term is, or null when FTS5 would make it none or several (a phrase).</summary>
    public static string? Single(string term)
    {
        var tokens = new List<string>(1);
        Each(term, tokens, static (list, t) => list.Add(t.ToString()));
        return tokens.Count == 1 ? tokens[0] : null;
    }

    // unicode61 folds case by Unicode's case folding: of the letters lower-casing leaves alone, these fold further
    // (the micro sign, the long s, Greek final sigma and symbol forms, ẛ and the Greek prosgegrammeni).
    private static readonly Dictionary<char, char> Folds = new()
    {
        ['\u00B5'] = '\u03BC',
        ['\u017F'] = 's',
        ['\u03C2'] = '\u03C3',
        ['\u03D0'] = '\u03B2',
        ['\u03D1'] = '\u03B8',
        ['\u03D5'] = '\u03C6',
        ['\u03D6'] = '\u03C0',
        ['\u03F0'] = '\u03BA',
        ['\u03F1'] = '\u03C1',
        ['\u03F5'] = '\u03B5',
        ['\u1E9B'] = '\u1E61',
        ['\u1FBE'] = '\u03B9',
    };

    private static ReadOnlyMemory<char> Folded(ReadOnlyMemory<char> token)
    {
        var span = token.Span;
        if (!span.ContainsAny(FoldedFrom))
        {
            return token;
        }
        var folded = span.ToArray();
        for (var i = 0; i < folded.Length; i++)
        {
            folded[i] = Folds.GetValueOrDefault(folded[i], folded[i]);
        }
        return folded;
    }

    private static readonly SearchValues<char> FoldedFrom = SearchValues.Create([.. Folds.Keys]);

    // SQLite's sqlite3Fts5UnicodeIsdiacritic: a bit per code point from U+0300.
    private static bool IsDiacritic(int c) => c is >= 0x300 and <= 0x331
        && ((c < 0x320 ? 0x08029FDFu >> (c - 0x300) : 0x000361F8u >> (c - 0x320)) & 1) != 0;

    private static bool IsTokenCategory(UnicodeCategory category) => category switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter => true,
        UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber => true,
        UnicodeCategory.PrivateUse => true,
        _ => false,
    };
}
