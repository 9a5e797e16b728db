using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;
using ClinicCms.Content.Validation;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Content;

/// <summary>
/// The nesting check's count against the depth AngleSharp's parser (HtmlSanitizer's) really builds: never much below
/// it, whatever the markup tricks, and far below the limit for real content.
/// </summary>
public sealed partial class HtmlNestingTests
{
    private static string Times(string html, int n) => string.Concat(Enumerable.Repeat(html, n));

    // End tags the parser reads as text (or ignores) between open and close: a scan that took them as closing would
    // start each round from nothing while the parser's tree grows by forty. Sized to stay under AngleSharp's DOM
    // depth cap (511), where the tree's depth is the parser's stack's.
    private static string Rounds(string open, string close) => Times(Times("<div>", 40) + open + Times("</div>", 40) + close, 5);

    // Each builds a deep tree if a scan misreads it: unclosed, self-closed, or closed by end tags the parser ignores
    // (inside select, raw text, attribute values, comments, CDATA, behind a scope boundary) or never reads as end tags.
    public static TheoryData<string, string> Tricks => new()
    {
        { "unclosed", Times("<div>", 200) },
        { "upper case", Times("<DIV\n class=a>", 200) },
        { "self-closed", Times("<div/>", 200) },
        { "formatting", Times("<b><i><u>", 60) },
        { "links", Times("<a href=/x>", 200) },
        { "lists", Times("<ul><li>", 200) },
        { "tables", Times("<table><tr><td>", 50) },
        { "ruby and options", Times("<rt><option>", 100) },
        { "paragraph in span", Times("<span><p></span>", 200) },
        { "end tag outside a table", Times("<span><table><td></span>", 40) },
        { "end tags outside an object", Rounds("<object>", "") },
        { "end tags outside a marquee", Rounds("<marquee>", "") },
        { "end tag behind a special element", Times("<span><div></span>", 100) },
        { "in select", Rounds("<select>", "</select>") },
        { "style in select", Times("<div>", 40) + "<select><style></select>" + Times("<div>", 200) + "</style>" },
        { "in textarea", Rounds("<textarea>", "</textarea>") },
        { "in noscript", Rounds("<noscript>", "</noscript>") },
        { "in escaped script", Rounds("<script><!--<script></script>", "--></script>") },
        { "style in svg", Rounds("<svg><style><x a=\"</style>", "\">") },
        { "style after svg", "<svg></svg>" + Rounds("<style>", "</style>") },
        { "raw text after svg hiding tags", "<svg></svg><style><x a=\"</style>" + Times("<div>", 200) + "\">" },
        { "voids in svg", "<svg>" + Times("<link>", 200) },
        { "voids after svg", "<svg><foreignObject><div></svg></div></foreignObject>" + Times("<link>", 200) },
        { "bang comment", "<!-- --!>" + Times("<div>", 200) + "-->" },
        { "empty comment", "<!-->" + Times("<div>", 200) + "-->" },
        { "comment in attribute", Times("<div title=\"<!--\">", 200) + "-->" },
        { "equals before a name", "<span =\"x>" + Times("<div>", 200) + "\">" },
        { "spaces before an equals", "<span a  =\"><!--\">" + Times("<div>", 200) + "<span b=\"-->\">" },
        { "newline before an equals", "<span a \n=\"><!--\">" + Times("<div>", 200) + "<span b=\"-->\">" },
        { "cdata in svg", Rounds("<svg><![CDATA[>", "]]>") },
        { "cdata hiding a tag", "<svg><![CDATA[><x a=\"]]>" + Times("<div>", 200) + "\">" },
        { "plaintext", "<div><plaintext>" + Times("<div>", 200) },
        { "template", Times("<template><div></template>", 100) },
        { "math", Times("<math><mi><div></math>", 100) },
        { "table parts in svg", "<svg>" + Times("<tr>", 200) },
        { "unclosed in svg, closed by its end tag", Times("<svg><g><path></svg><div>", 150) },
        { "end tag in svg naming an element below", Times("<svg><g><g><circle></g><div>", 100) },
        { "select ended by an input", "<select><input><xmp></select><!--</xmp>" + Times("<div>", 200) + "-->" },
        { "svg ignored in a select", "<select><svg><![CDATA[></select>" + Times("<div>", 200) + "]]></svg>" },
        { "heading closed by another level", Times("<h1><div></h2>", 150) },
        { "noscript after tags", Times("<div>", 100) + "<noscript><div></noscript>" + Times("<div>", 100) },
        { "formatting reopened", "<div>" + Times("<b title=x>", 100) + "</div>" + Times("<div>x</div>", 2) },
        { "end tags of other case", Times("<x\u00c0></x\u00e0>", 200) },
    };

    [Theory]
    [MemberData(nameof(Tricks))]
    public void The_count_bounds_the_parsers_depth(string trick, string html)
    {
        var parsed = ParsedDepth(html);
        var counted = HtmlNesting.Measure(html).Depth;

        // html and body stand above what the text opens.
        Assert.True(parsed <= 4 * counted + 2, $"{trick}: the parser nests {parsed} deep, the scan counted {counted}");
    }

    [Fact]
    public void Real_content_counts_far_below_the_limit()
    {
        var bodies = new List<string> { File.ReadAllText(RepositoryFiles.ClinicRecipe) };
        var orchardRecipes = Path.GetDirectoryName(RepositoryFiles.Shared("orchard-recipes/blog.recipe.json"))!; // skipped without ../shared
        bodies.AddRange(Directory.EnumerateFiles(orchardRecipes, "*.recipe.json", SearchOption.AllDirectories).Select(File.ReadAllText));
        var html = bodies.SelectMany(text => HtmlValue().Matches(text)).Select(m => Regex.Unescape(m.Groups[1].Value)).ToList();

        Assert.True(html.Count >= 10, $"{html.Count} HTML values found");
        Assert.All(html, value =>
        {
            var (depth, work, tags, reopened, _) = HtmlNesting.Measure(value);
            Assert.InRange(depth, 0, 40);
            Assert.InRange(work, 0, 40L * tags);
            Assert.InRange(reopened, 0, 10L * tags);
            Assert.True(ParsedDepth(value) <= 4 * depth + 2, value);
        });
    }

    [Fact]
    public void Closed_elements_and_text_that_only_looks_like_tags_pass()
    {
        var deepButClosed = Times("<div>", 400) + "x" + Times("</div>", 400);
        Assert.Null(HtmlNesting.Problem(Times(deepButClosed, 5)));
        Assert.Null(HtmlNesting.Problem(Times("<p>Para<br>", 2000) + Times("<li>item", 2000)));
        Assert.Null(HtmlNesting.Problem("<!--[if gte mso 9]>" + Times("<w:LsdException Locked=\"false\"/>", 2000) + "<![endif]-->" + "<p>text</p>"));
        Assert.Null(HtmlNesting.Problem("a < b and c <d"));
        // Realistic markup that leaves end tags out, or has an inline icon first.
        Assert.Null(HtmlNesting.Problem("<table>" + Times("<tr><td>a<td>b<td>c", 600) + "</table>"));
        var paragraphs = Times("<p>Text<br><strong>bold</strong> <a href=\"/x\">link</a></p>", 600);
        Assert.Null(HtmlNesting.Problem("<svg viewBox=\"0 0 1 1\"><title>Phone</title><path d=\"M0 0\"/></svg>" + paragraphs));
        Assert.Null(HtmlNesting.Problem("<svg viewBox=\"0 0 1 1\"><g><path d=\"M0 0\"></g><circle r=\"1\"></svg>" + paragraphs));
        Assert.Null(HtmlNesting.Problem("<noscript><img src=\"/media/pixel.gif\" alt=\"\"></noscript>" + paragraphs));
        Assert.Null(HtmlNesting.Problem(""));
        Assert.Null(HtmlNesting.Problem(null));

        Assert.Equal(HtmlNesting.MaxDepth + 1, HtmlNesting.Measure(Times("<div>", HtmlNesting.MaxDepth + 1)).Depth);
        Assert.Null(HtmlNesting.Problem(Times("<div>", HtmlNesting.MaxDepth)));
        Assert.Contains("more than 512 deep", HtmlNesting.Problem(Times("<div>", HtmlNesting.MaxDepth + 1)), StringComparison.Ordinal);
    }

    [Fact]
    public void Many_tags_deep_down_are_refused_and_many_near_the_top_are_not()
    {
        // Each list item makes the parser look through the 500 lists above it.
        var deepItems = Times("<ul>", 500) + Times("<li>item", 20_000);
        var shallowItems = "<ul>" + Times("<li>item", 200_000) + "</ul>";

        Assert.Equal((500, 500L * 20_000 + 500 * 499 / 2, 20_500, 0L, 0), HtmlNesting.Measure(deepItems));
        Assert.Equal("the HTML has 20500 tags at an average depth of 493, more than the parser reads in reasonable time; nest them less deeply",
            HtmlNesting.Problem(deepItems));
        Assert.Null(HtmlNesting.Problem(shallowItems));
        Assert.Null(HtmlNesting.Problem(Times("<table><tr><td>" + Times("<div><span>x</span></div>", 20) + "</td></tr></table>", 2_000)));
    }

    [Fact]
    public void Formatting_elements_the_parser_would_copy_over_and_over_are_refused()
    {
        // Each "x" after the div closed makes the parser open the 500 b elements again: 80 KB became 139 MB of HTML.
        var copies = "<div>" + string.Concat(Enumerable.Range(0, 500).Select(i => $"<b title=\"{i}\">")) + "</div>" + Times("<div>x</div>", 3_800);

        Assert.Contains("would make", HtmlNesting.Problem(copies), StringComparison.Ordinal);
        // Closed by the next paragraph, list item or block rather than by an end tag: the same copies.
        var bold = string.Concat(Enumerable.Range(0, 200).Select(i => $"<b title=\"{i}\">"));
        Assert.Contains("would make", HtmlNesting.Problem("<p>" + bold + Times("<p>x", 5_000)), StringComparison.Ordinal);
        Assert.Contains("would make", HtmlNesting.Problem("<dl><dd>" + bold + Times("<dd>x", 5_000)), StringComparison.Ordinal);
        Assert.Contains("would make", HtmlNesting.Problem("<p>" + bold + Times("<div>x</div>", 5_000)), StringComparison.Ordinal);
        Assert.Null(HtmlNesting.Problem(Times("<p><b>bold</b> and <i>italic</i> <span>text</span></p>", 5_000)));
        var bolds = string.Concat(Enumerable.Range(0, 500).Select(i => $"<b title=\"{i}\">"));
        Assert.Contains("would make", HtmlNesting.Problem("<table>" + bolds + "<table></table>" + Times("<p>x", 500)), StringComparison.Ordinal);
        Assert.Null(HtmlNesting.Problem("<b>" + Times("<p>bold paragraph</p>", 5_000) + "</b>"));
        // Foster-parented into a table: each row start tag clears them off the stack, each text makes them again.
        Assert.Contains("would make", HtmlNesting.Problem("<table>" + bolds + Times("x<tr>", 5_000) + "</table>"), StringComparison.Ordinal);
        Assert.Contains("would make", HtmlNesting.Problem("<table>" + bolds + Times("x<tbody>", 5_000) + "</table>"), StringComparison.Ordinal);
        Assert.Null(HtmlNesting.Problem("<table>" + Times("<tr><td><b>Name</b><td>x<td><a href=\"/x\">y</a>", 2_000) + "</table>"));
        // After foreign content the check no longer follows, or past raw text it cannot read.
        Assert.Contains("would make", HtmlNesting.Problem("<svg><p><p>" + bolds + Times("<p>x", 5_000)), StringComparison.Ordinal);
        Assert.Contains("would make", HtmlNesting.Problem("<svg><p><![CDATA[x]]><p>" + bolds + Times("<p>x", 5_000)), StringComparison.Ordinal);
        // End tags the parser ignores behind a table cell's marker; copies its adoption agency leaves behind a block.
        var fourHundred = string.Concat(Enumerable.Range(0, 400).Select(i => $"<b title=\"{i}\">"));
        Assert.NotNull(HtmlNesting.Problem("<table>" + fourHundred + "<tr><td>" + Times("</b>", 400) + "</td></tr></table>" + Times("<div>x</div>", 3_800)));
        Assert.NotNull(HtmlNesting.Problem(string.Concat(Enumerable.Range(0, 1_000).Select(i => $"<table><b title=\"{i}\"><tr><td></b></table>")) + Times("<div>x</div>", 100)));
        var blocks = string.Concat(Enumerable.Range(0, 400).Select(i => $"<b title=\"{i}\">" + Times("<div>", 8) + "</b>" + Times("</div>", 8)));
        Assert.NotNull(HtmlNesting.Problem("<div>" + blocks + "</div>" + Times("<p>x", 3_800)));
        // A heading's end tag closes any heading; a dialog closes a paragraph.
        Assert.NotNull(HtmlNesting.Problem("<h1>" + fourHundred + "</h2>" + Times("<div>x</div>", 3_800)));
        Assert.NotNull(HtmlNesting.Problem("<p>" + fourHundred + Times("<dialog>x</dialog>", 3_800)));
        // A copy is written with its attributes: one 100 KB title made again 6,000 times was 200 MB.
        Assert.Contains("would make", HtmlNesting.Problem("<div><b title=\"" + new string('A', 100_000) + "\"></div>" + Times("<div>x</div>", 2_000)), StringComparison.Ordinal);
        Assert.Contains("would make", HtmlNesting.Problem("<select><style></style></select><div><b title=\"" + new string('A', 100_000) + "\"></div>" + Times("<p>x", 2_000)), StringComparison.Ordinal);
        Assert.Null(HtmlNesting.Problem(Times("<p><a href=\"/articles/" + new string('a', 150) + "\" title=\"A longer title for the link\">link</a> text</p>", 2_000)));
        // What a pasted document really does: each block closed where it was opened.
        Assert.Null(HtmlNesting.Problem(Times("<b><div>x</div></b><h2>Title</h2><p>text</p>", 3_000)));
    }

    [Fact]
    public void Css_nested_deeper_than_its_parser_recurses_is_refused()
    {
        var calc = "<p style=\"width:" + Times("calc(", 5_000) + "\">x</p>";
        var sheet = "<style>a { width: " + Times("calc(", 5_000) + " }</style><p>x</p>";

        Assert.Contains("nests brackets and calc() operators more than 32 deep", HtmlNesting.Problem(calc), StringComparison.Ordinal);
        Assert.Contains("nests brackets and calc() operators more than 32 deep", HtmlNesting.Problem(sheet), StringComparison.Ordinal);
        Assert.Contains("nests brackets and calc() operators more than 32 deep", HtmlNesting.Problem("<p style=\"width:" + Times("calc(/*)*/", 100) + "\">x</p>"), StringComparison.Ordinal);
        Assert.Null(HtmlNesting.Problem("<p style=\"content: '(((((((((((((((((((((((((((((((((((((('; font: 'a\\(b'\">x</p>"));
        Assert.Null(HtmlNesting.Problem("<style>a { width: calc(100% - (2 * var(--gap))); }</style><p style=\"margin: calc(1em + 2px)\">x</p>"));
        // Each calc() operator is a level of the CSS parser's expression tree: a chain of 20,000 overflowed its stack.
        Assert.Contains("calc() operators more than 32 deep", HtmlNesting.Problem("<p style=\"width:calc(1px" + Times("*1", 20_000) + ")\">x</p>"), StringComparison.Ordinal);
        Assert.NotNull(HtmlNesting.Problem("<p style=\"width:calc(1px" + Times(" + 1px", 40) + ")\">x</p>"));
        Assert.NotNull(HtmlNesting.Problem("<p style=\"width:calc(1%" + Times("-1%", 20_000) + ")\">x</p>"));
        Assert.NotNull(HtmlNesting.Problem("<p style=\"width:calc(1px" + Times("/**/-1px", 100) + ")\">x</p>"));
        Assert.NotNull(HtmlNesting.Problem("<p style=\"width:calc(1px" + Times("-(1px)", 100) + ")\">x</p>"));
        // Past a point the scan cannot follow, every bracket counts as CSS.
        Assert.NotNull(HtmlNesting.Problem("<select><style></style></select><p style=\"width:calc(" + Times("(", 20_000) + "1px" + Times(")", 20_001) + "\">x</p>"));
        Assert.NotNull(HtmlNesting.Problem("<p title=\"<![CDATA[\">a</p><svg><p>x</p><p style=\"width:calc(" + Times("(", 20_000) + "1px" + Times(")", 20_001) + "\">x</p>"));
        Assert.Null(HtmlNesting.Problem("<p style=\"width: calc(100% - 2 * var(--gap-size-large) - 1px); margin: -1px -2px -3px -4px; font: 12px/1.5 serif; transform: translate(-50%, -50%)\">x</p>"));
        Assert.Null(HtmlNesting.Problem("<style>p { " + Times("margin: -1px -2px -3px -4px; grid-area: 1 / 2 / 3 / 4; ", 20) + "}</style>"));
        Assert.Null(HtmlNesting.Problem("<p style=\"background: url(data:image/png;base64," + Times("ab+/", 500) + ")\">x</p>"));
    }

    [Fact]
    public void The_sanitizers_parser_reads_noscript_as_raw_text()
    {
        // The check reads noscript as raw text, as a parser with scripting on does.
        var sanitizer = new HtmlSanitizer();
        Assert.True(sanitizer.HtmlParserFactory().Options.IsScripting);
        sanitizer.AllowedTags.Add("noscript");
        Assert.Equal("<noscript>&lt;div&gt;</noscript>", sanitizer.Sanitize("<noscript><div></noscript>"));
    }

    // As HtmlSanitizer parses a value: its parser (scripting on), the value as a document's body.
    private static int ParsedDepth(string html)
    {
        var sanitizer = new HtmlSanitizer();
        var document = sanitizer.HtmlParserFactory().ParseDocument("<!doctype html><html><body>" + html);
        var deepest = 0;
        var pending = new Stack<(IElement Element, int Depth)>();
        pending.Push((document.DocumentElement, 0));
        while (pending.TryPop(out var next))
        {
            deepest = Math.Max(deepest, next.Depth);
            foreach (var child in next.Element.Children)
            {
                pending.Push((child, next.Depth + 1));
            }
            if (next.Element is AngleSharp.Html.Dom.IHtmlTemplateElement template)
            {
                foreach (var child in template.Content.Children)
                {
                    pending.Push((child, next.Depth + 1));
                }
            }
        }
        return deepest;
    }

    [GeneratedRegex("\"Html\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex HtmlValue();
}
