using ClinicCms.Content.Validation;

namespace ClinicCms.Content.Webhooks;

/// <summary>A webhook as an admin form or a recipe gives it. A null or empty <see cref="Secret"/> keeps the stored one, or makes a new one.</summary>
public sealed record WebhookInput(string? Name, string? Url, IReadOnlyList<string>? Events, IReadOnlyList<string>? ContentTypes, string? Secret, bool Enabled)
{
    /// <summary>Every problem, each with the field it is in (<c>Url</c>, <c>Events[1]</c>).</summary>
    public List<ContentError> Check()
    {
        var errors = new List<ContentError>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors.Add(new("Name", "required: a name for the webhook"));
        }
        else if (Name.Length > WebhookRow.MaxName || !TextCheck.IsPlainText(Name, multiline: false))
        {
            errors.Add(new("Name", $"must be plain text on one line of at most {WebhookRow.MaxName} characters"));
        }
        if (UrlProblem(Url) is { } url)
        {
            errors.Add(new("Url", url));
        }
        if (Events is null || Events.Count == 0)
        {
            errors.Add(new("Events", $"required: one or more of {string.Join(", ", WebhookEvents.All)}"));
        }
        for (var i = 0; i < (Events?.Count ?? 0); i++)
        {
            if (!WebhookEvents.IsKnown(Events![i] ?? ""))
            {
                errors.Add(new($"Events[{i}]", $"unknown event \"{Shown(Events[i])}\"; the events are {string.Join(", ", WebhookEvents.All)}"));
            }
        }
        for (var i = 0; i < (ContentTypes?.Count ?? 0); i++)
        {
            var type = ContentTypes![i] ?? "";
            if (type.Length is 0 or > 128 || !type.All(c => char.IsAsciiLetterOrDigit(c) || c == '_'))
            {
                errors.Add(new($"ContentTypes[{i}]", $"\"{Shown(type)}\" is not a content type name (letters, digits and underscores)"));
            }
        }
        if (!string.IsNullOrEmpty(Secret) && WebhookSecret.KeyOf(Secret) is null)
        {
            errors.Add(new("Secret", $"must be \"{WebhookSecret.Prefix}\" followed by the base64 of {WebhookSecret.MinKeyBytes} to {WebhookSecret.MaxKeyBytes} random bytes"));
        }
        return errors;
    }

    private static string? UrlProblem(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "required: the address to POST to";
        }
        if (url.Length > WebhookRow.MaxUrl)
        {
            return $"longer than {WebhookRow.MaxUrl} characters";
        }
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"\"{Shown(url)}\" is not an absolute URL";
        }
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
        {
            return $"must be an http or https URL, not {Shown(uri.Scheme)}";
        }
        if (string.IsNullOrEmpty(uri.Host))
        {
            return $"\"{Shown(url)}\" names no host";
        }
        return string.IsNullOrEmpty(uri.UserInfo) ? null : "must not carry a user name or password";
    }

    private static string Shown(string? text) => text is null ? "" : text.Length > 60 ? text[..60] + "…" : text;
}
