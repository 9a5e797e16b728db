using System.Xml;

namespace ClinicCms.Web.Media;

/// <summary>
/// Refuses SVG that could run script or load something when opened: script and foreignObject elements, on* event
/// handlers, javascript: values, references outside the file (href, CSS url() and @import) and DTDs (entity tricks).
/// Refusing is safer than cleaning: an editor re-exports the drawing without them.
/// </summary>
public static class SvgCheck
{
    /// <summary>Why the SVG is refused, or null when it is safe to keep.</summary>
    public static string? Problem(Stream content)
    {
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true };
        try
        {
            using var reader = XmlReader.Create(content, settings);
            while (reader.Read())
            {
                var problem = reader.NodeType switch
                {
                    XmlNodeType.Element => ElementProblem(reader),
                    XmlNodeType.Text or XmlNodeType.CDATA => CssProblem(reader.Value),
                    _ => null,
                };
                if (problem is not null)
                {
                    return problem;
                }
            }
            return null;
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return "the SVG has a DOCTYPE, which is not allowed";
        }
        catch (XmlException e)
        {
            return $"the SVG is not well-formed XML (line {e.LineNumber}, position {e.LinePosition})";
        }
    }

    private static string? ElementProblem(XmlReader reader)
    {
        if (reader.LocalName.Equals("script", StringComparison.OrdinalIgnoreCase))
        {
            return "the SVG has a script element";
        }
        if (reader.LocalName.Equals("foreignObject", StringComparison.OrdinalIgnoreCase))
        {
            return "the SVG has a foreignObject element";
        }
        for (var more = reader.MoveToFirstAttribute(); more; more = reader.MoveToNextAttribute())
        {
            var name = reader.LocalName;
            var value = Compact(reader.Value);
            if (name.StartsWith("on", StringComparison.OrdinalIgnoreCase))
            {
                return $"the SVG has an event handler attribute '{reader.Name}'";
            }
            if (value.Contains("javascript:", StringComparison.Ordinal))
            {
                return $"the SVG has a javascript: value in '{reader.Name}'";
            }
            if (name.Equals("href", StringComparison.OrdinalIgnoreCase) && !value.StartsWith('#') && !IsRasterData(value))
            {
                return $"the SVG has an external reference in '{reader.Name}'";
            }
            if ((name.Equals("attributeName", StringComparison.Ordinal) && value.EndsWith("href", StringComparison.Ordinal))
                || CssProblem(reader.Value) is not null) // style, and presentation attributes (fill, filter, mask...) take url() too
            {
                return $"the SVG has an external reference in '{reader.Name}'";
            }
        }
        reader.MoveToElement();
        return null;
    }

    // Style sheets may load other files (url(...) not inside the file, @import), also when written with escapes (u\72l).
    private static string? CssProblem(string text)
    {
        var css = Compact(CssUnescaped(text));
        if (css.Contains("@import", StringComparison.Ordinal))
        {
            return "the SVG has a style sheet @import";
        }
        for (var at = css.IndexOf("url(", StringComparison.Ordinal); at >= 0; at = css.IndexOf("url(", at + 4, StringComparison.Ordinal))
        {
            var target = css.AsSpan(at + 4).TrimStart("'\"");
            if (!target.StartsWith("#") && !IsRasterData(target))
            {
                return "the SVG has an external reference in a style url()";
            }
        }
        return css.Contains("javascript:", StringComparison.Ordinal) ? "the SVG has a javascript: value in a style" : null;
    }

    // An image inside the file: a raster one only, since an SVG one is a whole document again (data:image/svg+xml).
    private static bool IsRasterData(ReadOnlySpan<char> value) =>
        value.StartsWith("data:image/") && !value.StartsWith("data:image/svg");

    // CSS escapes as a browser reads them: a backslash and one to six hex digits (and one space after) is that code
    // point, a backslash and any other character is that character.
    private static string CssUnescaped(string css)
    {
        if (!css.Contains('\\'))
        {
            return css;
        }
        var text = new System.Text.StringBuilder(css.Length);
        for (var i = 0; i < css.Length; i++)
        {
            if (css[i] != '\\' || i + 1 == css.Length)
            {
                text.Append(css[i]);
                continue;
            }
            var hex = 0;
            while (hex < 6 && i + 1 + hex < css.Length && char.IsAsciiHexDigit(css[i + 1 + hex]))
            {
                hex++;
            }
            if (hex == 0)
            {
                text.Append(css[++i]);
                continue;
            }
            var code = Convert.ToInt32(css.Substring(i + 1, hex), 16);
            text.Append(code is > 0 and <= 0x10FFFF and not (>= 0xD800 and <= 0xDFFF) ? char.ConvertFromUtf32(code) : "\uFFFD");
            i += hex;
            if (i + 1 < css.Length && char.IsWhiteSpace(css[i + 1]))
            {
                i++;
            }
        }
        return text.ToString();
    }

    // Browsers ignore whitespace and control characters inside a URL scheme ("java\tscript:"), and case.
    private static string Compact(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))).ToLowerInvariant();
}
