using AngleSharp.Html;
using AngleSharp.Html.Parser;
using AngleSharp.Text;

namespace ClinicCms.Content.Validation;

/// <summary>
/// Refuses HTML that nests elements too deep to parse. An HTML5 parser (AngleSharp's, which HtmlSanitizer uses) looks
/// through the stack of open elements at each tag, so its time grows with the depth at every tag (see bench/README.md).
/// Browsers do not nest deeper than 512 either (Chromium's parser).
/// </summary>
/// <remarks>
/// The text is read by AngleSharp's own tokenizer (attributes, comments, raw text as the parser reads them), and a
/// stack of the start tags stands for the parser's stack of open elements, at least as deep:
/// <list type="bullet">
/// <item>an end tag closes the latest open element of its name, unless the parser would ignore it: an element that
/// bounds its scope (table, object, template...; for most end tags any "special" element) stands between;</item>
/// <item>self-closing syntax counts as open, as the parser treats it outside SVG and MathML;</item>
/// <item>void elements (br, img...) do not count, nor do p, li, dt and dd, which the parser closes at the next of
/// their kind unless a counted element stands between, nor table parts (td, tr...), which nest only in a new table;</item>
/// <item>while a select is open, only its own end tags close anything;</item>
/// <item>a p, li, dt or dd closed by the next of them or by a block element, a table part clearing the stack back to
/// its table, or a table inside a table leave the formatting elements opened above to be made again, at every later
/// token, until their own end tags;</item>
/// <item>SVG and MathML are followed tag by tag while they hold only their own elements (self-closing syntax honoured
/// there, an end tag closing the latest of its name, as the parser does); after anything else inside them, no end tag
/// closes anything, void elements count and every formatting element counts as made again, for the rest of the text:
/// the parser's reading of raw text, CDATA and end tags there is not this stack's to follow.</item>
/// </list>
/// Where the parser's reading of the text may differ from the tokenizer's here (raw text after svg or math, CDATA
/// after them), every later "&lt;" and letter counts as one more open element, which any reading of the text opens at
/// most. noscript is raw text, as scripting is on in HtmlSanitizer's parser.
/// </remarks>
public static class HtmlNesting
{
    public const int MaxDepth = 512;

    /// <summary>The parser's work, as the depth at each tag summed over the tags: many tags deep down cost it seconds below <see cref="MaxDepth"/> too.</summary>
    public const long MaxWork = 4_000_000;

    /// <summary>Elements the parser makes again from its list of open formatting elements (a few hundred bytes of markup can make millions).</summary>
    public const long MaxReopened = 200_000;

    /// <summary>Brackets and calc() operators in CSS: the sanitizer's CSS parser recurses at each (some thousands overflow the stack).</summary>
    public const int MaxCssNesting = 32;

    private static readonly HashSet<string> Void = new(StringComparer.Ordinal)
    {
        "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input", "keygen", "link", "meta", "param", "source", "track", "wbr",
    };

    // Closed by the next of their kind unless a counted element stands between; they break out of SVG and MathML.
    private static readonly HashSet<string> ClosedByNext = new(StringComparer.Ordinal) { "p", "li", "dt", "dd" };

    // Likewise in HTML, where they only nest inside a counted table; in SVG and MathML they are ordinary elements.
    private static readonly HashSet<string> TableParts = new(StringComparer.Ordinal) { "td", "th", "tr", "tbody", "thead", "tfoot", "caption", "colgroup" };

    // The elements that end "has an element in scope" (WHATWG HTML, tree construction), for the HTML namespace.
    private static readonly HashSet<string> ScopeBoundaries = new(StringComparer.Ordinal) { "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template" };

    private static readonly HashSet<string> Formatting = new(StringComparer.Ordinal)
    {
        "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
    };

    // "Special" elements: an end tag of another, ordinary name is ignored when one of these is open after its element.
    private static readonly HashSet<string> Special = new(StringComparer.Ordinal)
    {
        "address", "applet", "area", "article", "aside", "base", "basefont", "bgsound", "blockquote", "body", "br", "button", "caption",
        "center", "col", "colgroup", "dd", "details", "dir", "div", "dl", "dt", "embed", "fieldset", "figcaption", "figure", "footer",
        "form", "frame", "frameset", "h1", "h2", "h3", "h4", "h5", "h6", "head", "header", "hgroup", "hr", "html", "iframe", "img",
        "input", "keygen", "li", "link", "listing", "main", "marquee", "menu", "meta", "nav", "noembed", "noframes", "noscript",
        "object", "ol", "p", "param", "plaintext", "pre", "script", "search", "section", "select", "source", "style", "summary",
        "table", "tbody", "td", "template", "textarea", "tfoot", "th", "thead", "title", "tr", "track", "ul", "wbr", "xmp",
    };

    // Start tags that end SVG and MathML content (the parser reads them as HTML), and the elements inside it whose
    // content is HTML again.
    private static readonly HashSet<string> BreaksOut = new(StringComparer.Ordinal)
    {
        "b", "big", "blockquote", "body", "br", "center", "code", "dd", "div", "dl", "dt", "em", "embed", "font", "h1", "h2", "h3",
        "h4", "h5", "h6", "head", "hr", "i", "img", "li", "listing", "menu", "meta", "nobr", "ol", "p", "pre", "ruby", "s", "small",
        "span", "strong", "strike", "sub", "sup", "table", "tt", "u", "ul", "var",
    };

    private static readonly HashSet<string> IntegrationPoints = new(StringComparer.Ordinal)
    {
        "foreignobject", "desc", "title", "mi", "mo", "mn", "ms", "mtext", "annotation-xml",
    };

    private static readonly HashSet<string> KeptInSelect = new(StringComparer.Ordinal) { "select", "option", "optgroup", "template" };

    /// <summary>Null, or the problem to report when <paramref name="html"/> nests too deep for the parser.</summary>
    public static string? Problem(string? html)
    {
        if (html is null)
        {
            return null;
        }
        var (depth, work, tags, reopened, cssNesting) = Measure(html, stopAbove: MaxDepth);
        return depth > MaxDepth
            ? $"the HTML nests elements more than {MaxDepth} deep (counting start tags left without their end tag, and every one after an svg or math element); close the elements it opens"
            : work > MaxWork
            ? $"the HTML has {tags} tags at an average depth of {work / tags}, more than the parser reads in reasonable time; nest them less deeply"
            : cssNesting > MaxCssNesting
            ? $"the HTML's CSS (a style attribute or element) nests brackets and calc() operators more than {MaxCssNesting} deep, which its parser cannot take; nest them less"
            : reopened > MaxReopened
            ? $"the HTML leaves formatting elements (b, i, a, font...) open across other elements' end tags so often that the parser would make {reopened} copies of them (a long tag counting as several); close each where it belongs"
            : null;
    }

    /// <summary>
    /// The upper bound of the nesting depth, the work (the depth at each tag, summed) and the tags; counting stops once
    /// the depth passes <paramref name="stopAbove"/>.
    /// </summary>
    public static (int Depth, long Work, int Tags, long Reopened, int CssNesting) Measure(string html, int stopAbove = int.MaxValue)
    {
        var source = new TextSource(html);
        var tokenizer = new HtmlTokenizer(source, HtmlEntityProvider.Resolver)
        {
            SkipComments = true,
            SkipScriptText = true,
            SkipRCDataText = true,
            SkipPlaintext = true,
            SkipCDATA = true,
        };
        var open = new List<Open>();
        var table = -1; // the latest table in open (the parser's tables close only by their end tag, or a table start inside them)
        int max = 0, tags = 0, selects = 0;
        long work = 0, reopened = 0, displaced = 0;
        var foreign = false; // an svg or math element was read in a way this stack does not follow
        var foreignBase = -1; // the svg or math element whose content is read as the parser reads it
        var uncertainFrom = -1;
        var closableFrom = -1; // where the children of the latest p, li, dt or dd begin in open, while it may be open
        var inStyle = false;
        var cssNesting = 0;
        while (max <= stopAbove && tokenizer.Get() is { Type: not HtmlTokenType.EndOfFile } token)
        {
            // A formatting element the parser closed on behalf of another end tag stays on its list, and is opened
            // again at the next text or tag: each one displaced costs a new element there, with all its attributes.
            reopened += displaced;
            if (token.Type == HtmlTokenType.Character && inStyle)
            {
                cssNesting = Math.Max(cssNesting, BracketDepth(token.Data));
            }
            if (token.Type is not (HtmlTokenType.StartTag or HtmlTokenType.EndTag))
            {
                continue;
            }
            var weight = 1;
            if (token.Type == HtmlTokenType.StartTag)
            {
                foreach (var attribute in token.AsTag().Attributes)
                {
                    weight += (attribute.Name.Length + attribute.Value.Length) / AttributeCharsPerElement;
                    if (attribute.Name.Equals("style", StringComparison.OrdinalIgnoreCase))
                    {
                        cssNesting = Math.Max(cssNesting, BracketDepth(attribute.Value));
                    }
                }
            }
            inStyle = token.Type == HtmlTokenType.StartTag ? token.Name == "style" || inStyle : inStyle && token.Name != "style";
            tags++;
            work += open.Count;
            var name = token.Name;
            if (foreignBase >= 0)
            {
                if (ForeignStep(open, token, name, html, source.Index, ref foreignBase))
                {
                    max = Math.Max(max, open.Count);
                    tokenizer.IsAcceptingCharacterData = foreignBase >= 0;
                    continue;
                }
                (foreignBase, foreign, tokenizer.IsAcceptingCharacterData) = (-1, true, false);
                Displace(0); // from here on no end tag closes anything: every formatting element counts as made again
                uncertainFrom = html.Contains("<![CDATA[", StringComparison.Ordinal) ? source.Index : -1;
                if (uncertainFrom >= 0)
                {
                    break;
                }
            }
            // A table part clears the stack back to its table: formatting elements foster-parented above it (opened in
            // the table outside a cell) stay on the parser's list, made again at the next text, and again.
            if (!foreign && table >= 0 && (TableParts.Contains(name) || name == "col"))
            {
                Displace(table + 1);
            }
            if (token.Type == HtmlTokenType.EndTag)
            {
                if (!foreign && ClosedByNext.Contains(name) && closableFrom >= 0)
                {
                    Displace(closableFrom);
                    closableFrom = -1;
                }
                else if (!foreign && (selects == 0 || KeptInSelect.Contains(name)) && OpenIndex(open, name) is var at and >= 0)
                {
                    // Kept, counted as made again: a formatting element the parser may not close here. Behind a table
                    // cell's marker its end tag is ignored; with a block opened inside it, the parser's adoption agency
                    // leaves a copy on its list that the block's end tag takes off the stack.
                    if (Formatting.Contains(name) && ((open[at].Displaced && table >= 0) || open.FindIndex(at + 1, e => Special.Contains(e.Name)) >= 0))
                    {
                        Displace(at);
                        continue;
                    }
                    selects -= name == "select" ? 1 : 0;
                    displaced -= open[at].Displaced ? open[at].Weight : 0;
                    open.RemoveAt(at);
                    table = at == table ? open.FindLastIndex(e => e.Name == "table") : at < table ? table - 1 : table;
                    Displace(at);
                    closableFrom = at < closableFrom ? -1 : closableFrom;
                }
                continue;
            }
            // A p, li, dt or dd is closed by the next of them and by most block elements (the "special" ones): the
            // formatting elements opened inside it leave the stack but stay on the parser's list.
            if (!foreign && closableFrom >= 0 && (ClosedByNext.Contains(name) || Special.Contains(name) || name == "dialog"))
            {
                Displace(closableFrom);
            }
            if (!foreign && ClosedByNext.Contains(name))
            {
                closableFrom = open.Count;
            }
            // A table inside a table closes the outer one: what stood above it leaves the stack, formatting elements
            // foster-parented there stay on the parser's list.
            if (!foreign && name == "table" && table >= 0)
            {
                Displace(table + 1);
            }
            if (name is "svg" or "math" && !foreign && selects > 0)
            {
                // The parser ignores it in a select, not after one: which, this stack cannot always tell.
                uncertainFrom = source.Index;
                break;
            }
            if (name is "svg" or "math" && !foreign)
            {
                // Its content is followed as the parser reads it while it stays simple (see ForeignStep).
                if (!token.AsTag().IsSelfClosing)
                {
                    open.Add(new(name));
                    max = Math.Max(max, open.Count);
                    foreignBase = open.Count - 1;
                    tokenizer.IsAcceptingCharacterData = true;
                }
                continue;
            }
            if (ClosedByNext.Contains(name) || (!foreign && TableParts.Contains(name)) || (Void.Contains(name) && (!foreign || BreaksOut.Contains(name))))
            {
                continue;
            }
            open.Add(new(name, Weight: weight));
            if (foreign)
            {
                Displace(open.Count - 1);
            }
            table = !foreign && name == "table" ? open.Count - 1 : table;
            selects += name == "select" ? 1 : 0;
            max = Math.Max(max, open.Count);
            var mode = name switch
            {
                "script" => HtmlParseMode.Script,
                "style" or "xmp" or "iframe" or "noembed" or "noframes" or "noscript" => HtmlParseMode.Rawtext, // scripting is on in HtmlSanitizer's parser
                "textarea" or "title" => HtmlParseMode.RCData,
                "plaintext" => HtmlParseMode.Plaintext,
                _ => HtmlParseMode.PCData,
            };
            // In a select the parser ignores raw text elements but script (textarea ends the select); whether the select
            // is still open (input, keygen or another select ends it too), this stack cannot always tell.
            if (mode != HtmlParseMode.PCData && ((foreign && !PlainTextUpToEnd(html, source.Index, name)) || (selects > 0 && name is not ("script" or "textarea"))))
            {
                uncertainFrom = source.Index;
            }
            else if (mode != HtmlParseMode.PCData)
            {
                tokenizer.State = mode; // as the parser's tree builder switches its tokenizer
            }
            if (uncertainFrom >= 0)
            {
                break;
            }
        }
        if (uncertainFrom >= 0)
        {
            // Every formatting element open or opened from here may be made again at each tag and at the text after it;
            // brackets anywhere may be CSS.
            cssNesting = Math.Max(cssNesting, BracketDepth(html[uncertainFrom..], quotesAreStrings: false));
            var depth = open.Count;
            long formatting = open.Where(e => Formatting.Contains(e.Name)).Sum(e => (long)e.Weight);
            for (var at = html.IndexOf('<', uncertainFrom); at >= 0 && at + 1 < html.Length && max <= stopAbove; at = html.IndexOf('<', at + 1))
            {
                if (char.IsAsciiLetter(html[at + 1]) && NameAt(html, at + 1) is var name)
                {
                    reopened += 2 * formatting;
                    formatting += Formatting.Contains(name) ? 1 + ((html.IndexOf('>', at) is var end and >= 0 ? end : html.Length) - at) / AttributeCharsPerElement : 0;
                    if (Counted(name))
                    {
                        tags++;
                        work += depth++;
                        max = Math.Max(max, depth);
                    }
                }
            }
        }
        return (max, work, tags, reopened, cssNesting);

        void Displace(int from)
        {
            for (var above = from; above < open.Count; above++)
            {
                if (!open[above].Displaced && Formatting.Contains(open[above].Name))
                {
                    open[above] = open[above] with { Displaced = true };
                    displaced += open[above].Weight;
                }
            }
        }
    }

    // SVG and MathML content read tag by tag as the parser does, while it holds only foreign elements, properly
    // nested: self-closing syntax is honoured there and an end tag closes the element on top. An element that breaks
    // out into HTML, an integration point holding markup, or an end tag out of order ends this (false), and the
    // caller reads the rest as after any foreign content.
    private static bool ForeignStep(List<Open> open, AngleSharp.Html.Parser.Tokens.HtmlToken token, string name, string html, int index, ref int foreignBase)
    {
        if (token.Type == HtmlTokenType.EndTag)
        {
            // The parser closes the latest foreign element of that name; with none above the svg or math element, it
            // reads the end tag as HTML.
            var at = open.FindLastIndex(open.Count - 1, open.Count - foreignBase, e => e.Name == name);
            if (at < 0)
            {
                return false;
            }
            open.RemoveRange(at, open.Count - at);
            foreignBase = open.Count > foreignBase ? foreignBase : -1;
            return true;
        }
        if (BreaksOut.Contains(name) || (IntegrationPoints.Contains(name) && !token.AsTag().IsSelfClosing && !PlainTextUpToEnd(html, index, name)))
        {
            return false;
        }
        if (!token.AsTag().IsSelfClosing)
        {
            open.Add(new(name));
        }
        return true;
    }

    // The depth of the CSS parser's recursion: brackets, and within each the operators of a calc() chain (each one a
    // level of the expression tree the sanitizer's CSS parser builds and walks recursively). As CSS reads them: not in
    // comments, strings or url(), nor escaped.
    // Outside CSS (HTML the scan cannot follow) quotes may be an attribute's, with CSS inside: they hide nothing there.
    private static int BracketDepth(string css, bool quotesAreStrings = true)
    {
        var brackets = new List<(bool Round, int Operators)>();
        int depth = 0, deepest = 0;
        for (var i = 0; i < css.Length; i++)
        {
            var c = css[i];
            if (c == '/' && i + 1 < css.Length && css[i + 1] == '*')
            {
                i = css.IndexOf("*/", i + 2, StringComparison.Ordinal) is var end and >= 0 ? end + 1 : css.Length;
                continue;
            }
            if (c is '"' or '\'' && quotesAreStrings)
            {
                for (i++; i < css.Length && css[i] != c && css[i] is not ('\n' or '\r' or '\f'); i++)
                {
                    i += css[i] == '\\' ? 1 : 0;
                }
                continue;
            }
            if (c == '(' && i >= 3 && css.AsSpan(i - 3, 3).Equals("url", StringComparison.OrdinalIgnoreCase))
            {
                i = css.IndexOf(')', i) is var close and >= 0 ? close : css.Length;
                continue;
            }
            i += c == '\\' ? 1 : 0;
            if (c is '(' or '[' or '{')
            {
                brackets.Add((c == '(', 0));
                depth++;
            }
            else if (c is ')' or ']' or '}' && brackets.Count > 0)
            {
                depth -= 1 + brackets[^1].Operators;
                brackets.RemoveAt(brackets.Count - 1);
            }
            else if (brackets is [.., { Round: true }] && c is '*' or '/' or '+' or '-') // the calc parser takes "-" after any operand
            {
                brackets[^1] = (true, brackets[^1].Operators + 1);
                depth++;
            }
            deepest = Math.Max(deepest, depth);
        }
        return deepest;
    }

    private static bool IsHeading(string name) => name is "h1" or "h2" or "h3" or "h4" or "h5" or "h6";

    // In any reading of the text a start tag of one of these names opens nothing that stays.
    private static bool Counted(string name) => !ClosedByNext.Contains(name) && !(Void.Contains(name) && BreaksOut.Contains(name));

    private static string NameAt(string html, int at)
    {
        var end = at;
        while (end < html.Length && html[end] is not ('\t' or '\n' or '\f' or '\r' or ' ' or '/' or '>'))
        {
            end++;
        }
        return html[at..end].ToLowerInvariant();
    }

    // Whether the raw text a start tag of this name opens at from holds no markup up to its end tag: then any
    // reading of the text (raw text in HTML, markup in SVG) sees the same plain text and the same end tag.
    private static bool PlainTextUpToEnd(string html, int from, string name)
    {
        var end = html.IndexOf("</" + name, from, StringComparison.OrdinalIgnoreCase);
        var after = end + 2 + name.Length;
        return end >= 0 && html.IndexOf('<', from, end - from) < 0
            && (after == html.Length || html[after] is '\t' or '\n' or '\f' or '\r' or ' ' or '/' or '>');
    }

    // The latest open element an end tag of this name closes, or -1 when the parser would ignore the end tag: none is
    // open, or an element bounding its scope was opened after it.
    private static int OpenIndex(List<Open> open, string name)
    {
        var bounds = Special.Contains(name) || Formatting.Contains(name) ? ScopeBoundaries : Special;
        for (var i = open.Count - 1; i >= 0; i--)
        {
            if (open[i].Name == name || (IsHeading(name) && IsHeading(open[i].Name))) // any heading's end tag closes any heading
            {
                return i;
            }
            if (bounds.Contains(open[i].Name))
            {
                return -1;
            }
        }
        return -1;
    }

    // An element made again is written with its attributes: a long one counts as this many characters per element.
    private const int AttributeCharsPerElement = 64;

    private readonly record struct Open(string Name, bool Displaced = false, int Weight = 1);
}
