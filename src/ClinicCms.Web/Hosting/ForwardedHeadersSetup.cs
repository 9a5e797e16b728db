using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace ClinicCms.Web.Hosting;

/// <summary>The ClinicCms:ForwardedHeaders configuration section: which proxies may say who the client is.</summary>
public sealed class ForwardedHeadersSettings
{
    public const string Section = "ClinicCms:ForwardedHeaders";

    /// <summary>Trust a proxy on the same host (127.0.0.0/8 and ::1), such as nginx in front of the app.</summary>
    public bool TrustLoopback { get; set; } = true;

    /// <summary>Addresses of further proxies or load balancers whose X-Forwarded-* headers are believed.</summary>
    public string[] KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, such as 10.0.0.0/8) of further proxies whose X-Forwarded-* headers are believed.</summary>
    public string[] KnownNetworks { get; set; } = [];
}

public static class ForwardedHeadersSetup
{
    /// <summary>
    /// X-Forwarded-For, -Proto and -Host from trusted proxies only: behind them the request's scheme, host and client
    /// address are the visitor's, so cookies are Secure, redirects use https and rate limits key on the real client.
    /// A bad address in the settings stops the start with a message naming it.
    /// </summary>
    public static IServiceCollection AddClinicCmsForwardedHeaders(this IServiceCollection services, IConfiguration configuration)
    {
        var settings = configuration.GetSection(ForwardedHeadersSettings.Section).Get<ForwardedHeadersSettings>() ?? new ForwardedHeadersSettings();
        var proxies = settings.KnownProxies.Select(text => IPAddress.TryParse(text.Trim(), out var address)
            ? address
            : throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:KnownProxies: '{text}' is not an IP address.")).ToList();
        var networks = settings.KnownNetworks.Select(text => System.Net.IPNetwork.TryParse(text.Trim(), out var network)
            ? network
            : throw new InvalidOperationException($"{ForwardedHeadersSettings.Section}:KnownNetworks: '{text}' is not a network in CIDR notation (such as 10.0.0.0/8).")).ToList();
        if (settings.TrustLoopback)
        {
            networks.Add(System.Net.IPNetwork.Parse("127.0.0.0/8"));
            proxies.Add(IPAddress.IPv6Loopback);
        }

        return services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost;
            // Replace ASP.NET's defaults (loopback) with the settings, so that loopback can be distrusted too.
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear();
            proxies.ForEach(o.KnownProxies.Add);
            networks.ForEach(o.KnownIPNetworks.Add);
            // Walk back through every trusted hop (a load balancer in front of nginx); the first untrusted one is the client.
            o.ForwardLimit = null;
        });
    }
}
