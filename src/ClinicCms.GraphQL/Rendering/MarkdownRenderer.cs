using ClinicCms.Content.Validation;
using Ganss.Xss;
using Microsoft.Extensions.Caching.Memory;

namespace ClinicCms.GraphQL.Rendering;

/// <summary>
/// Markdown to HTML (<see cref="MarkdownText"/>); the HTML is sanitized with HtmlSanitizer when the part's or field's settings say
/// so. The result depends on the text and the flag alone, so it is remembered by them (bounded in bytes): parsing
/// and sanitizing the answers of ten FAQs took a sixth of an uncached treatment-overview query.
/// </summary>
public sealed class MarkdownRenderer : IDisposable
{
    private const long CacheBytes = 16 * 1024 * 1024;
    // Made on the first sanitized text: its first construction sets up AngleSharp's CSS tables, which a process that
    // never renders sanitized Markdown should not pay for at its first answer.
    private readonly Lazy<HtmlSanitizer> _sanitizer = new(CreateSanitizer);
    private readonly MemoryCache _rendered = new(new MemoryCacheOptions { SizeLimit = CacheBytes });

    public string? ToHtml(string? markdown, bool sanitize)
    {
        if (markdown is null)
        {
            return null;
        }
        var key = (markdown, sanitize);
        if (_rendered.TryGetValue(key, out string? cached))
        {
            return cached;
        }
        return Remember(key, MarkdownText.ToHtml(markdown));
    }

    /// <summary>
    /// Sanitized HTML of a text not yet checked (the editor's preview), or null and the problem a save would name:
    /// the check's rendering is the one kept, so Markdig runs once.
    /// </summary>
    public string? ToCheckedHtml(string markdown, out string? problem)
    {
        problem = null;
        if (_rendered.TryGetValue((markdown, true), out string? cached))
        {
            return cached;
        }
        problem = MarkdownText.Problem(markdown, out var html);
        return html is null ? null : Remember((markdown, true), html);
    }

    private string Remember((string Markdown, bool Sanitize) key, string html)
    {
        html = key.Sanitize ? _sanitizer.Value.Sanitize(html) : html;
        _rendered.Set(key, html, new MemoryCacheEntryOptions { Size = (key.Markdown.Length + html.Length) * sizeof(char) });
        return html;
    }

    public void Dispose() => _rendered.Dispose();

    // As for stored HTML: Markdown may carry raw HTML, and forms in it could collect a reader's input.
    private static HtmlSanitizer CreateSanitizer()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in ClinicCms.Content.Preparation.HtmlCleaner.FormElements)
        {
            sanitizer.AllowedTags.Remove(tag);
        }
        return sanitizer;
    }
}
