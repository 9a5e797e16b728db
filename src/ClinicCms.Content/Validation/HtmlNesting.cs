namespace ClinicCms.Content.Validation;

/// <summary>
/// Refuses HTML that nests elements too deep to parse. An HTML5 parser (AngleSharp's, which HtmlSanitizer uses) looks
/// through the stack of open elements at each tag, so its time grows with the depth at every tag: a few hundred
/// kilobytes of unclosed elements take it minutes. Browsers do not nest deeper than 512 either (Chromium's parser).
/// </summary>
/// <remarks>
/// One pass over the tags gives an upper bound of the depth the parser builds, within a small factor: a start tag
/// opens an element of its name and an end tag closes one of that name if any is open. So that anything the parser reads
/// otherwise can only count too much:
/// <list type="bullet">
/// <item>self-closing syntax counts as open, as the parser treats it outside SVG and MathML;</item>
/// <item>void elements (br, img...) count once the text has opened svg or math, where they may hold children;</item>
/// <item>p, li, dt and dd do not count: the parser closes them at the next of their kind unless a counted element stands between;</item>
/// <item>in raw text (script, style, textarea...), CDATA and while a select is open, start tags count and end tags close
/// nothing; once svg or math has been opened, raw text runs to the end of the text.</item>
/// </list>
/// Comments end where the parser ends them (the first <c>--&gt;</c> or <c>--!&gt;</c>), and their text counts for nothing.
/// </remarks>
public static class HtmlNesting
{
    public const int MaxDepth = 512;

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    };

    private static readonly HashSet<string> ClosedByNext = new(StringComparer.Ordinal) { "p", "li", "dt", "dd" };

    private static readonly HashSet<string> RawText = new(StringComparer.Ordinal)
    {
        "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes", "noscript", "plaintext",
    };

    private static readonly HashSet<string> KeptInSelect = new(StringComparer.Ordinal) { "select", "option", "optgroup", "template" };

    /// <summary>
    /// The parser's work, as the depth at each tag summed over the tags: below <see cref="MaxDepth"/>, many tags deep
    /// down still cost it seconds (a megabyte of list items under 500 lists took 16 s).
    /// </summary>
    public const long MaxWork = 4_000_000;

    /// <summary>Null, or the problem to report when <paramref name="html"/> nests too deep for the parser.</summary>
    public static string? Problem(string? html)
    {
        if (html is null)
        {
            return null;
        }
        var (depth, work, tags) = Measure(html, stopAbove: MaxDepth);
        return depth > MaxDepth
            ? $"the HTML nests elements more than {MaxDepth} deep (counting start tags left without their end tag); close the elements it opens"
            : work > MaxWork
            ? $"the HTML has {tags} tags at an average depth of {work / tags}, more than the parser reads in reasonable time; nest them less deeply"
            : null;
    }

    /// <summary>
    /// The upper bound of the nesting depth, the work (the depth at each tag, summed) and the tags; counting stops once
    /// the depth passes <paramref name="stopAbove"/>.
    /// </summary>
    public static (int Depth, long Work, int Tags) Measure(string html, int stopAbove = int.MaxValue)
    {
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        int depth = 0, max = 0, tags = 0;
        long work = 0;
        var foreign = false;
        var i = 0;
        while (max <= stopAbove && i < html.Length && html.IndexOf('<', i) is var lt and >= 0 && lt + 1 < html.Length)
        {
            var next = html[lt + 1];
            if (next == '!' && html.AsSpan(lt).StartsWith("<!--"))
            {
                i = CommentEnd(html, lt);
            }
            else if (next == '!' && html.AsSpan(lt).StartsWith("<![CDATA["))
            {
                var end = html.IndexOf("]]>", lt + 9, StringComparison.Ordinal) is var e and >= 0 ? e : html.Length;
                OpenUncounted(StartTags(html, lt + 9, end));
                i = end;
            }
            else if (next is '!' or '?' || (next == '/' && lt + 2 < html.Length && !char.IsAsciiLetter(html[lt + 2])))
            {
                i = html.IndexOf('>', lt + 1) is var end and >= 0 ? end + 1 : html.Length; // a bogus comment, or "</>"
            }
            else if (next == '/' || char.IsAsciiLetter(next))
            {
                var closing = next == '/';
                var nameStart = lt + (closing ? 2 : 1);
                var nameEnd = nameStart;
                while (nameEnd < html.Length && html[nameEnd] is not ('\t' or '\n' or '\f' or '\r' or ' ' or '/' or '>'))
                {
                    nameEnd++;
                }
                var tagEnd = TagEnd(html, nameEnd);
                if (tagEnd < 0)
                {
                    break; // a tag cut off by the end of the text is dropped
                }
                i = tagEnd + 1;
                tags++;
                work += depth;
                var name = html[nameStart..nameEnd].ToLowerInvariant();
                if (closing)
                {
                    if (open.GetValueOrDefault(name) > 0 && (open.GetValueOrDefault("select") == 0 || KeptInSelect.Contains(name)))
                    {
                        open[name]--;
                        depth--;
                    }
                    continue;
                }
                foreign |= name is "svg" or "math";
                if (ClosedByNext.Contains(name) || (Void.Contains(name) && !foreign))
                {
                    continue;
                }
                open[name] = open.GetValueOrDefault(name) + 1;
                max = Math.Max(max, ++depth);
                if (RawText.Contains(name))
                {
                    // Within svg or math these elements hold markup, and where that ends is not this scan's to tell.
                    var end = foreign ? html.Length : RawTextEnd(html, i, name);
                    OpenUncounted(StartTags(html, i, end));
                    i = end;
                }
            }
            else
            {
                i = lt + 1;
            }
        }
        return (max, work, tags);

        // Start tags whose end tags close nothing: each opens one more level.
        void OpenUncounted(int count)
        {
            tags += count;
            work += (long)count * depth + (long)count * (count + 1) / 2;
            depth += count;
            max = Math.Max(max, depth);
        }
    }

    // Where the parser ends a comment begun at start ("<!--"): "-->" may overlap the opening ("<!-->", "<!--->").
    private static int CommentEnd(string html, int start)
    {
        var dashes = html.IndexOf("-->", start + 2, StringComparison.Ordinal);
        var bang = html.IndexOf("--!>", start + 4, StringComparison.Ordinal);
        return (dashes, bang) switch
        {
            ( < 0, < 0) => html.Length,
            ( < 0, _) => bang + 4,
            (_, < 0) => dashes + 3,
            _ => Math.Min(dashes + 3, bang + 4),
        };
    }

    // The end of the raw text opened by a start tag of this name: its first end tag. In a script, "<!--" can make the
    // parser read past that end tag ("escaped" script data), so the rest of the text counts as the script's.
    private static int RawTextEnd(string html, int from, string name)
    {
        if (name == "plaintext")
        {
            return html.Length;
        }
        for (var at = html.IndexOf("</", from, StringComparison.Ordinal); at >= 0; at = html.IndexOf("</", at + 2, StringComparison.Ordinal))
        {
            var after = at + 2 + name.Length;
            if (after <= html.Length && html.AsSpan(at + 2, name.Length).Equals(name, StringComparison.OrdinalIgnoreCase)
                && (after == html.Length || html[after] is '\t' or '\n' or '\f' or '\r' or ' ' or '/' or '>'))
            {
                return name == "script" && html.AsSpan(from, at - from).Contains("<!--", StringComparison.Ordinal) ? html.Length : at;
            }
        }
        return html.Length;
    }

    private static int StartTags(string html, int from, int to)
    {
        var count = 0;
        for (var at = html.IndexOf('<', from, to - from); at >= 0 && at + 1 < to; at = html.IndexOf('<', at + 1, to - at - 1))
        {
            if (char.IsAsciiLetter(html[at + 1]))
            {
                count++;
            }
        }
        return count;
    }

    // The '>' that ends a tag whose name ends at from, read as the tokenizer reads attributes (a quote opens a value
    // only after "="), or -1 when the text ends first.
    private static int TagEnd(string html, int from)
    {
        var state = Attribute.BeforeName;
        for (var at = from; at < html.Length; at++)
        {
            var c = html[at];
            var space = c is '\t' or '\n' or '\f' or '\r' or ' ';
            switch (state)
            {
                case Attribute.BeforeName or Attribute.AfterName or Attribute.AfterQuotedValue:
                    if (c == '>')
                    {
                        return at;
                    }
                    state = space || c == '/' ? Attribute.BeforeName
                        : c == '=' && state == Attribute.AfterName ? Attribute.BeforeValue
                        : Attribute.Name;
                    break;
                case Attribute.Name:
                    if (c == '>')
                    {
                        return at;
                    }
                    state = space ? Attribute.AfterName : c == '=' ? Attribute.BeforeValue : c == '/' ? Attribute.BeforeName : Attribute.Name;
                    break;
                case Attribute.BeforeValue:
                    if (c == '>')
                    {
                        return at;
                    }
                    state = space ? Attribute.BeforeValue : c == '"' ? Attribute.DoubleQuoted : c == '\'' ? Attribute.SingleQuoted : Attribute.Unquoted;
                    break;
                case Attribute.DoubleQuoted or Attribute.SingleQuoted:
                    if (c == (state == Attribute.DoubleQuoted ? '"' : '\''))
                    {
                        state = Attribute.AfterQuotedValue;
                    }
                    break;
                case Attribute.Unquoted:
                    if (c == '>')
                    {
                        return at;
                    }
                    state = space ? Attribute.BeforeName : Attribute.Unquoted;
                    break;
            }
        }
        return -1;
    }

    private enum Attribute { BeforeName, Name, AfterName, BeforeValue, DoubleQuoted, SingleQuoted, Unquoted, AfterQuotedValue }
}
