using System.Text.RegularExpressions;

namespace ClinicCms.Content.Definitions;

/// <summary>
/// A type's PreviewUrl: an absolute http(s) URL of the frontend with placeholders, such as
/// <c>https://clinic.example/api/draft?token={token}&amp;path={path}</c>. Each placeholder is filled URL-encoded.
/// </summary>
public static partial class PreviewUrlTemplate
{
    public const int MaxLength = 2048;

    public static readonly IReadOnlyList<string> Placeholders = ["{token}", "{path}", "{contentItemId}", "{contentType}"];

    /// <summary>Why <paramref name="template"/> cannot be a PreviewUrl, or null when it can (or is empty: no preview URL).</summary>
    public static string? Problem(string? template)
    {
        if (string.IsNullOrEmpty(template))
        {
            return null;
        }
        if (template.Length > MaxLength)
        {
            return $"is {template.Length} characters long; at most {MaxLength}";
        }
        if (Placeholder().Matches(template).Select(m => m.Value).FirstOrDefault(p => !Placeholders.Contains(p)) is { } unknown)
        {
            return $"has an unknown placeholder {unknown}; known are {string.Join(", ", Placeholders)}";
        }
        var sample = Fill(template, "t", "/p", "i", "T");
        if (sample.Any(c => c is '{' or '}' or '<' or '>' or '"' or '\\' or '`' || char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "may not hold spaces, quotes, angle brackets, backslashes, control characters or braces outside the placeholders";
        }
        if (Validation.HttpUrl.Parse(sample) is null)
        {
            return "must be an absolute http:// or https:// URL";
        }
        return null;
    }

    /// <summary>The template with its placeholders replaced by the URL-encoded values.</summary>
    public static string Fill(string template, string token, string path, string contentItemId, string contentType) => template
        .Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal)
        .Replace("{path}", Uri.EscapeDataString(path), StringComparison.Ordinal)
        .Replace("{contentItemId}", Uri.EscapeDataString(contentItemId), StringComparison.Ordinal)
        .Replace("{contentType}", Uri.EscapeDataString(contentType), StringComparison.Ordinal);

    [GeneratedRegex(@"\{[^{}]*\}")]
    private static partial Regex Placeholder();
}
