using System.Text;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// A query's text without what GraphQL ignores (spaces, tabs, line breaks, commas, byte order marks, comments) outside
/// string values, so that the same query formatted two ways shares one response cache entry. Anything else is kept,
/// so two different queries (or an invalid one) never share an entry.
/// </summary>
public static class QueryText
{
    public static string Normalize(string query)
    {
        var text = new StringBuilder(query.Length);
        var pendingSpace = false;
        for (var i = 0; i < query.Length; i++)
        {
            var c = query[i];
            if (c == '"')
            {
                var end = StringEnd(query, i);
                // Two strings in a row keep their separator: "" "x" "" is three strings, """x""" one block string.
                if (text.Length > 0 && (text[^1] == '"' || (pendingSpace && IsNamePart(text[^1]))))
                {
                    text.Append(' ');
                }
                pendingSpace = false;
                text.Append(query, i, end - i);
                i = end - 1;
            }
            else if (c == '#')
            {
                while (i < query.Length && query[i] is not ('\n' or '\r'))
                {
                    i++;
                }
                pendingSpace = true;
            }
            else if (c is ' ' or '\t' or '\n' or '\r' or ',' or '\uFEFF')
            {
                pendingSpace = true;
            }
            else
            {
                // A separator is kept only where it separates two names, numbers or a spread from a name.
                if (pendingSpace && text.Length > 0 && IsNamePart(text[^1]) && (IsNamePart(c) || c == '.'))
                {
                    text.Append(' ');
                }
                pendingSpace = false;
                text.Append(c);
            }
        }
        return text.ToString();
    }

    private static bool IsNamePart(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or '-' or '+';

    // The index just past the string value starting at start: "..." with escapes, or a """block""".
    internal static int StringEnd(string query, int start)
    {
        if (string.CompareOrdinal(query, start, "\"\"\"", 0, 3) == 0)
        {
            var close = start + 3;
            while (close < query.Length)
            {
                if (string.CompareOrdinal(query, close, "\\\"\"\"", 0, 4) == 0)
                {
                    close += 4;
                }
                else if (string.CompareOrdinal(query, close, "\"\"\"", 0, 3) == 0)
                {
                    return close + 3;
                }
                else
                {
                    close++;
                }
            }
            return query.Length;
        }
        var i = start + 1;
        while (i < query.Length && query[i] != '"' && query[i] is not ('\n' or '\r'))
        {
            i += query[i] == '\\' ? 2 : 1;
        }
        return Math.Min(i + 1, query.Length);
    }
}
