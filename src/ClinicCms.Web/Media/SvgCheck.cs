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
            if (name.Equals("href", StringComparison.OrdinalIgnoreCase) && !value.StartsWith('#') && !value.StartsWith("data:image/", StringComparison.Ordinal))
            {
                return $"the SVG has an external reference in '{reader.Name}'";
            }
            if ((name.Equals("attributeName", StringComparison.Ordinal) && value.EndsWith("href", StringComparison.Ordinal))
                || (name.Equals("style", StringComparison.OrdinalIgnoreCase) && CssProblem(reader.Value) is not null))
            {
                return $"the SVG has an external reference in '{reader.Name}'";
            }
        }
        reader.MoveToElement();
        return null;
    }

    // Style sheets may load other files (url(...) not inside the file, @import).
    private static string? CssProblem(string text)
    {
        var css = Compact(text);
        if (css.Contains("@import", StringComparison.Ordinal))
        {
            return "the SVG has a style sheet @import";
        }
        for (var at = css.IndexOf("url(", StringComparison.Ordinal); at >= 0; at = css.IndexOf("url(", at + 4, StringComparison.Ordinal))
        {
            var target = css.AsSpan(at + 4).TrimStart("'\"");
            if (!target.StartsWith("#") && !target.StartsWith("data:image/"))
            {
                return "the SVG has an external reference in a style url()";
            }
        }
        return css.Contains("javascript:", StringComparison.Ordinal) ? "the SVG has a javascript: value in a style" : null;
    }

    // Browsers ignore whitespace and control characters inside a URL scheme ("java\tscript:"), and case.
    private static string Compact(string value) =>
        string.Concat(value.Where(c => !char.IsWhiteSpace(c) && !char.IsControl(c))).ToLowerInvariant();
}
