using Markdig;

namespace ClinicCms.Content.Validation;

/// <summary>
/// Markdown as frontends get it (Markdig with its advanced extensions), and what a Markdown text must meet to be
/// stored: Markdig refuses to nest deeper than it can render, takes time that grows faster than the text for some
/// inputs (unclosed link destinations; see bench/README.md), and may carry raw HTML that the sanitizer parses. Markdig
/// reports its depth limit with an ArgumentException.
/// </summary>
public static class MarkdownText
{
    public const int MaxLength = 64 * 1024;

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseAdvancedExtensions().Build();

    public static string ToHtml(string markdown) => Markdown.ToHtml(markdown, Pipeline);

    /// <summary>Null, or the problem to report for this Markdown text.</summary>
    public static string? Problem(string? markdown) => Problem(markdown, out _);

    /// <summary>Null and the text rendered (<paramref name="html"/>), or the problem to report for it.</summary>
    public static string? Problem(string? markdown, out string? html)
    {
        html = null;
        if (string.IsNullOrEmpty(markdown))
        {
            html = markdown is null ? null : "";
            return null;
        }
        if (markdown.Length > MaxLength)
        {
            return $"at most {MaxLength} characters of Markdown, got {markdown.Length}";
        }
        try
        {
            html = ToHtml(markdown);
        }
        catch (ArgumentException e)
        {
            return $"the Markdown could not be rendered: {e.Message}"; // Markdig's depth limit
        }
        var problem = HtmlNesting.Problem(html);
        html = problem is null ? html : null;
        return problem;
    }
}
