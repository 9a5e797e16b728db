namespace ClinicCms.Content.Webhooks;

/// <summary>
/// A rule a webhook's URL must also meet when it is saved (admin or recipe), beyond being an absolute http(s) URL;
/// the web host adds the one that refuses non-public literal addresses. Null when the URL passes.
/// </summary>
public interface IWebhookUrlRule
{
    string? Problem(Uri url);
}
