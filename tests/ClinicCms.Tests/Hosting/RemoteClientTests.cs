using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.AspNetCore.Http;

namespace ClinicCms.Tests.Hosting;

/// <summary>
/// Clients on other machines, in Production. The in-process server lets a test set the connection's remote address,
/// which a real socket on 127.0.0.1 cannot have.
/// </summary>
public sealed class RemoteClientTests
{
    public const string Visitor = "203.0.113.7";

    [Fact]
    public async Task Plain_http_from_another_address_gets_a_clear_400_for_sign_in_and_tokens_while_https_and_trusted_proxies_work()
    {
        await using var site = await SecuredSite.StartAsync(new ClinicCmsApp(environment: "Production", settings: new Dictionary<string, string>
        {
            ["ClinicCms:ForwardedHeaders:KnownProxies:0"] = "203.0.113.9",
            ["ClinicCms:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
        }));
        var token = new Dictionary<string, string> { ["grant_type"] = "client_credentials", ["client_id"] = "reader-app", ["client_secret"] = "Reader-app-secret-1" };
        var login = new Dictionary<string, string> { ["UserName"] = "admin", ["Password"] = ClinicCmsApp.AdminPassword };
        var spoofed = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "127.0.0.1" };
        var proxied = new Dictionary<string, string> { ["X-Forwarded-Proto"] = "https", ["X-Forwarded-For"] = "198.51.100.5" };

        var page = await SendAsync(site.App, Visitor, "GET", "/login");
        var post = await SendAsync(site.App, Visitor, "POST", "/login", form: login);
        var refused = await SendAsync(site.App, Visitor, "POST", "/connect/token", form: token);
        var spoofedPage = await SendAsync(site.App, Visitor, "GET", "/login", headers: spoofed);
        var spoofedToken = await SendAsync(site.App, Visitor, "POST", "/connect/token", headers: spoofed, form: token);
        var httpsPage = await SendAsync(site.App, Visitor, "GET", "/login", scheme: "https");
        var httpsToken = await SendAsync(site.App, Visitor, "POST", "/connect/token", scheme: "https", form: token);
        var proxyPage = await SendAsync(site.App, "203.0.113.9", "GET", "/login", headers: proxied);
        var proxyToken = await SendAsync(site.App, "203.0.113.9", "POST", "/connect/token", headers: proxied, form: token);
        var networkToken = await SendAsync(site.App, "10.1.2.3", "POST", "/connect/token", headers: proxied, form: token);
        // A proxy on this host that passes the public host name but no X-Forwarded-For is not a local browser.
        var localProxyPage = await SendAsync(site.App, "127.0.0.1", "GET", "/login");
        var localProxyToken = await SendAsync(site.App, "127.0.0.1", "POST", "/connect/token", form: token);
        var localPage = await SendAsync(site.App, "127.0.0.1", "GET", "/login", host: "localhost:5000");
        var localToken = await SendAsync(site.App, "::1", "POST", "/connect/token", form: token, host: "[::1]:5000");

        Assert.Equal(400, page.Status);
        Assert.StartsWith("text/html", page.Headers.ContentType.ToString(), StringComparison.Ordinal);
        Assert.Contains("HTTPS is required to sign in", page.Body, StringComparison.Ordinal);
        Assert.Contains("ClinicCms:ForwardedHeaders", page.Body, StringComparison.Ordinal);
        Assert.Equal(400, post.Status);
        Assert.Contains("HTTPS is required to sign in", post.Body, StringComparison.Ordinal);
        Assert.Equal(400, refused.Status);
        var error = JsonNode.Parse(refused.Body)!;
        Assert.Equal("invalid_request", error["error"]!.GetValue<string>());
        Assert.Contains("HTTPS is required", error["error_description"]!.GetValue<string>(), StringComparison.Ordinal);
        // Forwarded headers from an address that is not a trusted proxy change nothing.
        Assert.Equal(400, spoofedPage.Status);
        Assert.Equal(400, spoofedToken.Status);
        Assert.Equal(200, httpsPage.Status);
        Assert.StartsWith("max-age=", httpsPage.Headers.StrictTransportSecurity.ToString(), StringComparison.Ordinal);
        Assert.Equal(200, httpsToken.Status);
        Assert.NotNull(JsonNode.Parse(httpsToken.Body)!["access_token"]);
        Assert.Equal(200, proxyPage.Status);
        Assert.Equal(200, proxyToken.Status);
        Assert.Equal(200, networkToken.Status);
        Assert.Equal(400, localProxyPage.Status);
        Assert.Equal(400, localProxyToken.Status);
        Assert.Equal(200, localPage.Status);
        Assert.Equal(200, localToken.Status);
    }

    [Fact]
    public async Task A_proxy_network_that_is_not_in_cidr_notation_stops_the_start_with_a_message_naming_the_setting()
    {
        await using var app = new ClinicCmsApp(environment: "Production", settings: new Dictionary<string, string> { ["ClinicCms:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/33" });

        var error = Record.Exception(() => app.CreateClient());

        Assert.NotNull(error);
        Assert.Contains("ClinicCms:ForwardedHeaders:KnownNetworks: '10.0.0.0/33' is not a network", error.ToString(), StringComparison.Ordinal);
    }

    private static async Task<(int Status, string Body, IHeaderDictionary Headers)> SendAsync(ClinicCmsApp app, string remote, string method, string path,
        string scheme = "http", IDictionary<string, string>? headers = null, IDictionary<string, string>? form = null, string host = "cms.example.test")
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            c.Request.Method = method;
            c.Request.Scheme = scheme;
            c.Request.Host = new HostString(host);
            c.Request.Path = path;
            foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            {
                c.Request.Headers[name] = value;
            }
            if (form is not null)
            {
                var body = Encoding.UTF8.GetBytes(string.Join('&', form.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value)}")));
                c.Request.ContentType = "application/x-www-form-urlencoded";
                c.Request.ContentLength = body.Length;
                c.Request.Body = new MemoryStream(body);
            }
        }, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(context.Response.Body);
        return (context.Response.StatusCode, await reader.ReadToEndAsync(TestContext.Current.CancellationToken), context.Response.Headers);
    }
}
