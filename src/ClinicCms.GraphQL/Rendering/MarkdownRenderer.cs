using Ganss.Xss;
using Markdig;

namespace ClinicCms.GraphQL.Rendering;

/// <summary>Markdown to HTML with Markdig; the HTML is sanitized with HtmlSanitizer when the part's or field's settings say so.</summary>
public sealed class MarkdownRenderer
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();
    private readonly HtmlSanitizer _sanitizer = new();

    public string? ToHtml(string? markdown, bool sanitize)
    {
        if (markdown is null)
        {
            return null;
        }
        var html = Markdown.ToHtml(markdown, Pipeline);
        return sanitize ? _sanitizer.Sanitize(html) : html;
    }
}
