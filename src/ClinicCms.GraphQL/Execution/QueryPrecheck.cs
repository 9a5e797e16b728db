using GraphQL.Execution;
using GraphQLParser;
using GraphQLParser.Exceptions;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// Linear checks before the query reaches the parser, so that no body under the size limit costs much to refuse.
/// The parser's error message quotes the line of the error, and building it takes time that grows with the square
/// of that line's length, so one long line with a syntax error at its end is costly to refuse. So the query is
/// looked at as a copy in which every space or comma between tokens is a line break (same tokens, same
/// offsets): its tokens are counted, a line that cannot be split (a long string value or comment) is refused, and a
/// query with long lines is parsed in that form first, so that its syntax errors are reported from short lines.
/// </summary>
public static class QueryPrecheck
{
    /// <summary>Longest line the parser is given that cannot be split: a string value or comment this long belongs in a variable.</summary>
    public const int MaxLineLength = 4096;

    public sealed record Problem(string Message, string Code, Location? Location = null);

    public static Problem? Check(string query, int maxTokens)
    {
        var broken = BreakLines(query);
        if (LongestLine(broken) > MaxLineLength)
        {
            return new Problem($"The query has a string value or comment longer than {MaxLineLength} characters on one line; pass long values as variables.", "REQUEST_ERROR");
        }
        if (TokensExceed(broken, maxTokens))
        {
            return new Problem($"The query has more than {maxTokens} tokens, the most this server parses (ClinicCms:GraphQL:MaxTokens).", "REQUEST_ERROR");
        }
        if (LongestLine(query) <= MaxLineLength)
        {
            return null;
        }
        try
        {
            // The same builder the executer uses, so that what parses here parses there.
            new GraphQLDocumentBuilder().Build(broken);
            return null;
        }
        catch (Exception thrown) when ((thrown as GraphQLParserException ?? thrown.InnerException as GraphQLParserException) is { } e)
        {
            // The builder wraps syntax errors in its own error; the depth error comes as it is.
            var location = LocationOf(query, OffsetOf(broken, e.Location));
            return e is GraphQLMaxDepthExceededException
                ? new Problem($"The query is nested too deeply (maximum depth exceeded at line {location.Line}, column {location.Column}).", "SYNTAX_ERROR", location)
                : new Problem("Error parsing query: " + e.Description, "SYNTAX_ERROR", location);
        }
    }

    /// <summary>
    /// Variables are counted like the query's tokens: a filter's lists and nested AND/OR given as variables would
    /// otherwise cost the database what the token limit keeps a query from costing. A string is held to the longest
    /// line a query may have.
    /// </summary>
    public static Problem? CheckVariables(IReadOnlyDictionary<string, object?>? variables, int maxTokens)
    {
        if (variables is null)
        {
            return null;
        }
        var values = 0;
        var pending = new Stack<object?>(variables.Values);
        while (pending.TryPop(out var value))
        {
            if (++values > maxTokens)
            {
                return new Problem($"The variables hold more than {maxTokens} values, the most this server takes (ClinicCms:GraphQL:MaxTokens).", "REQUEST_ERROR");
            }
            switch (value)
            {
                case string text when text.Length > MaxLineLength:
                    return new Problem($"A variable holds a string longer than {MaxLineLength} characters, the longest this server takes.", "REQUEST_ERROR");
                case double number when !double.IsFinite(number):
                    return new Problem("A variable holds a number beyond the range of a double (such as 1e400).", "REQUEST_ERROR");
                case IDictionary<string, object?> fields:
                    foreach (var field in fields.Values)
                    {
                        pending.Push(field);
                    }
                    break;
                case System.Collections.IEnumerable items and not string:
                    foreach (var item in items)
                    {
                        pending.Push(item);
                    }
                    break;
            }
        }
        return null;
    }

    // Spaces, tabs and commas outside strings and comments become line breaks: GraphQL ignores all three alike.
    private static string BreakLines(string query)
    {
        var text = query.ToCharArray();
        for (var i = 0; i < text.Length; i++)
        {
            switch (text[i])
            {
                case '"':
                    i = QueryText.StringEnd(query, i) - 1;
                    break;
                case '#':
                    while (i + 1 < text.Length && text[i + 1] is not ('\n' or '\r'))
                    {
                        i++;
                    }
                    break;
                case ' ' or '\t' or ',':
                    text[i] = '\n';
                    break;
            }
        }
        return new string(text);
    }

    private static int LongestLine(string text)
    {
        var longest = 0;
        var start = 0;
        for (var i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] is '\n' or '\r')
            {
                longest = Math.Max(longest, i - start);
                start = i + 1;
            }
        }
        return longest;
    }

    // Counting stops one past the limit; a token the lexer cannot read ends the count and is left to the parser.
    private static bool TokensExceed(string query, int max)
    {
        ROM source = query;
        var position = 0;
        for (var count = 0; count <= max; count++)
        {
            Token token;
            try
            {
                token = Lexer.Lex(source, position);
            }
            catch (GraphQLParserException)
            {
                return false;
            }
            if (token.Kind == TokenKind.EOF)
            {
                return false;
            }
            position = token.End;
        }
        return true;
    }

    private static int OffsetOf(string text, Location location)
    {
        var line = 1;
        var i = 0;
        for (; i < text.Length && line < location.Line; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                line++;
            }
        }
        return Math.Min(text.Length, i + location.Column - 1);
    }

    private static Location LocationOf(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = 0; i < offset; i++)
        {
            if (text[i] == '\n' || (text[i] == '\r' && (i + 1 == text.Length || text[i + 1] != '\n')))
            {
                line++;
                lineStart = i + 1;
            }
        }
        return new Location(line, offset - lineStart + 1);
    }
}
