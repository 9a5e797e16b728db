using System.Text;

namespace ClinicCms.Content.Search;

/// <summary>
/// Snippets are plain text made safe for HTML: every character of the content is HTML-escaped (&amp; &lt; &gt; " ')
/// and only the matched words are wrapped in <c>&lt;mark&gt;</c>, so a frontend may insert a snippet as HTML. Up to
/// <see cref="MaxWords"/> words, from a little before the first match (PostgreSQL's ts_headline picks its own window).
/// </summary>
public static class SearchSnippets
{
    public const int MaxWords = 35;

    /// <summary>Marks the start and end of a match in ts_headline's output; content never holds them (see <see cref="SearchTexts"/>).</summary>
    public const char StartMark = '\u0002';

    public const char StopMark = '\u0003';

    private const int WordsBefore = 5;

    /// <summary>The snippet of <paramref name="text"/> with the words whose terms are in <paramref name="terms"/> marked.</summary>
    public static string Cut(string text, SearchLanguage language, IReadOnlySet<string> terms)
    {
        // Words are read only up to the end of the window: the first MaxWords (the window when nothing matches) and the
        // last MaxWords read (a window around the first match always lies in them).
        Span<(int Start, int Length)> head = stackalloc (int, int)[MaxWords];
        Span<(int Start, int Length)> last = stackalloc (int, int)[MaxWords];
        var count = 0;
        var first = -1;
        foreach (var word in SearchLanguage.Words(text))
        {
            if (count < MaxWords)
            {
                head[count] = word;
            }
            last[count % MaxWords] = word;
            if (first < 0 && Matches(word))
            {
                first = count;
            }
            count++;
            if (first >= 0 && count >= Math.Max(0, first - WordsBefore) + MaxWords)
            {
                break;
            }
        }
        if (count == 0)
        {
            return "";
        }
        var from = Math.Max(0, Math.Min(first < 0 ? 0 : first - WordsBefore, count - MaxWords));
        var to = Math.Min(count, from + MaxWords);
        var marked = new StringBuilder();
        var position = first < 0 ? head[0].Start : last[from % MaxWords].Start;
        for (var i = from; i < to; i++)
        {
            var (start, length) = first < 0 ? head[i] : last[i % MaxWords];
            marked.Append(text, position, start - position);
            if (i == first || (i > first && first >= 0 && Matches((start, length))))
            {
                marked.Append(StartMark).Append(text, start, length).Append(StopMark);
            }
            else
            {
                marked.Append(text, start, length);
            }
            position = start + length;
        }
        return ToHtml(marked.ToString());

        bool Matches((int Start, int Length) word) => language.Term(text.AsSpan(word.Start, word.Length)) is { } t && terms.Contains(t);
    }

    /// <summary>The terms to mark in each language's documents: the query's words as that language indexes them, excluded ones left out.</summary>
    public static Dictionary<string, IReadOnlySet<string>> TermsByLanguage(SearchRequest request)
    {
        var terms = new Dictionary<string, IReadOnlySet<string>>();
        foreach (var language in request.Languages)
        {
            if (request.Expression.TermsIn(language) is { } clauses)
            {
                terms[language.Name] = clauses.Where(c => !c.Excluded).SelectMany(c => c.Words).ToHashSet();
            }
        }
        return terms;
    }

    /// <summary>Escapes text marked with <see cref="StartMark"/> and <see cref="StopMark"/> and turns the marks into &lt;mark&gt; tags.</summary>
    public static string ToHtml(string marked)
    {
        var html = new StringBuilder(marked.Length + 16);
        foreach (var c in marked)
        {
            _ = c switch
            {
                StartMark => html.Append("<mark>"),
                StopMark => html.Append("</mark>"),
                '&' => html.Append("&amp;"),
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '"' => html.Append("&quot;"),
                '\'' => html.Append("&#39;"),
                '\n' or '\r' or '\t' => html.Append(' '),
                _ => html.Append(c),
            };
        }
        return html.ToString().Trim();
    }
}
