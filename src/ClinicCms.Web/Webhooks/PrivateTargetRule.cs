using System.Net;
using ClinicCms.Content.Webhooks;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Webhooks;

/// <summary>
/// Refuses, when a webhook is saved, a URL whose host is a literal non-public address (<c>http://127.0.0.1/</c>,
/// <c>http://[::1]/</c>) unless <see cref="WebhookOptions.AllowPrivateTargets"/> is on: it could never be delivered.
/// Names are not resolved here; the sender checks the address it connects to.
/// </summary>
public sealed class PrivateTargetRule(IOptionsMonitor<WebhookOptions> options) : IWebhookUrlRule
{
    public string? Problem(Uri url)
    {
        if (options.CurrentValue.AllowPrivateTargets || url.HostNameType is not (UriHostNameType.IPv4 or UriHostNameType.IPv6)
            || !IPAddress.TryParse(url.Host.Trim('[', ']'), out var address))
        {
            return null;
        }
        return TargetCheck.Problem(address) is { } problem
            ? $"{url.Host} is {problem}, and {WebhookOptions.Section}:AllowPrivateTargets is off"
            : null;
    }
}
