namespace ClinicCms.Content.Validation;

/// <summary>
/// An absolute http or https URL with a host: what a preview URL, a canonical link and the site's base URL must be
/// (webhook targets check the same, with a message for each way a URL can fail).
/// </summary>
public static class HttpUrl
{
    public static Uri? Parse(string? text) =>
        Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host)
            ? uri
            : null;
}
