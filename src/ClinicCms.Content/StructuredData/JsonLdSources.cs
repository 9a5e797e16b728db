namespace ClinicCms.Content.StructuredData;

/// <summary>
/// What JSON-LD is built from besides the item: the site's public base URL (https://clinic.example), which makes the
/// item's path an absolute <c>url</c>, or null when none is configured; and the Markdown-to-sanitized-HTML rendering
/// that an FAQ's answer text goes through.
/// </summary>
public sealed record JsonLdSources(Uri? BaseUrl, Func<string, string?> MarkdownToSafeHtml);
