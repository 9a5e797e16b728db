using System.Net;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Hosting;

/// <summary>Production on a real Kestrel: HTTPS from the Kestrel settings, and X-Forwarded-* from proxies that are trusted or not.</summary>
[Collection(nameof(TrustedProxySite))]
public sealed class ProxyAndHttpsTests(TrustedProxySite trusted)
{
    [Fact]
    public async Task Behind_a_trusted_proxy_and_on_https_sign_in_and_tokens_work_with_secure_cookies_https_redirects_hsts_and_per_visitor_rate_limits()
    {
        // Loopback is trusted by default: the test's client plays a proxy on the same host.
        var site = trusted.Site;

        // HTTPS straight on Kestrel, with the certificate from its settings.
        using var https = site.Certificate.Client(site.HttpsAddress);
        using var httpsPage = new HttpRequestMessage(HttpMethod.Get, "/login") { Headers = { Host = "cms.example.test" } };
        using var httpsLogin = await https.SendAsync(httpsPage, TestContext.Current.CancellationToken);
        using var httpsSignIn = await Security.SecuredSite.PostLoginAsync(https, "admin", ClinicCmsApp.AdminPassword);
        using var httpsAdmin = await https.GetAsync("/admin", TestContext.Current.CancellationToken);
        using var httpsToken = await https.PostAsync("/connect/token", Form(), TestContext.Current.CancellationToken);

        // A TLS-terminating proxy on this host, passing on the visitor's scheme, host and address.
        using var proxy = new LoopbackClient(site.HttpAddress, Forwarded("https", "cms.example.test", "203.0.113.10"));
        using var anonymousAdmin = await proxy.GetAsync("/admin");
        using var proxyLogin = await proxy.GetAsync("/login");
        using var proxySignIn = await proxy.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        using var proxyAdmin = await proxy.GetAsync("/admin");

        // Rate limits count per visitor behind the proxy, not for the proxy as a whole.
        using var first = new LoopbackClient(site.HttpAddress, Forwarded("https", "cms.example.test", "203.0.113.21"));
        using var second = new LoopbackClient(site.HttpAddress, Forwarded("https", "cms.example.test", "203.0.113.22"));
        var firstTokens = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await first.TokenAsync();
            firstTokens.Add(response.StatusCode);
        }
        using var secondToken = await second.TokenAsync();

        // The proxy serves a visitor over plain HTTP: no sign-in and no token, and a message that says why.
        using var plain = new LoopbackClient(site.HttpAddress, Forwarded("http", "cms.example.test", "203.0.113.30"));
        using var plainLogin = await plain.GetAsync("/login");
        using var plainToken = await plain.TokenAsync();

        Assert.Equal(HttpStatusCode.OK, httpsLogin.StatusCode);
        Assert.StartsWith("max-age=", httpsLogin.Headers.GetValues("Strict-Transport-Security").Single(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, httpsSignIn.StatusCode);
        Assert.True(LoopbackClient.IsSecure(httpsSignIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ClinicCms.Auth=", StringComparison.Ordinal))));
        Assert.Equal(HttpStatusCode.OK, httpsAdmin.StatusCode);
        Assert.Equal(HttpStatusCode.OK, httpsToken.StatusCode);

        Assert.Equal(HttpStatusCode.Redirect, anonymousAdmin.StatusCode);
        Assert.Equal("https://cms.example.test/login?ReturnUrl=%2Fadmin", anonymousAdmin.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.OK, proxyLogin.StatusCode);
        Assert.True(proxyLogin.Headers.Contains("Strict-Transport-Security"));
        Assert.Equal(HttpStatusCode.Redirect, proxySignIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, proxyAdmin.StatusCode);
        Assert.All(proxy.SetCookies.Where(LoopbackClient.SetsValue), cookie => Assert.True(LoopbackClient.IsSecure(cookie), cookie));

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], firstTokens);
        Assert.Equal(HttpStatusCode.OK, secondToken.StatusCode);

        Assert.Equal(HttpStatusCode.BadRequest, plainLogin.StatusCode);
        Assert.Contains("HTTPS is required", await plainLogin.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, plainToken.StatusCode);
    }

    [Fact]
    public async Task Forwarded_headers_from_an_untrusted_address_are_ignored_and_plain_http_from_this_host_still_signs_in()
    {
        // Only 10.0.0.0/8 is trusted: 127.0.0.1 is not a proxy here, just a client on this host.
        await using var site = await KestrelSite.StartAsync(new Dictionary<string, string>
        {
            ["ClinicCms:ForwardedHeaders:TrustLoopback"] = "false",
            ["ClinicCms:ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/8",
            ["ClinicCms:Security:Token:PermitLimit"] = "2",
        });
        using var first = new LoopbackClient(site.HttpAddress, Forwarded("https", "evil.example", "203.0.113.21"));
        using var second = new LoopbackClient(site.HttpAddress, Forwarded("https", "evil.example", "203.0.113.22"));

        using var anonymousAdmin = await first.GetAsync("/admin");
        using var signIn = await first.SignInAsync("admin", ClinicCmsApp.AdminPassword);
        using var admin = await first.GetAsync("/admin");
        var tokens = new List<HttpStatusCode>();
        foreach (var client in new[] { first, second, second })
        {
            using var response = await client.TokenAsync();
            tokens.Add(response.StatusCode);
        }

        Assert.Equal($"{site.HttpAddress}/login?ReturnUrl=%2Fadmin", anonymousAdmin.Headers.Location!.ToString());
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.All(first.SetCookies.Where(LoopbackClient.SetsValue), cookie => Assert.False(LoopbackClient.IsSecure(cookie), cookie));
        Assert.False(signIn.Headers.Contains("Strict-Transport-Security"));
        // Both "visitors" are the same client at 127.0.0.1, so they share one limit.
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], tokens);
    }

    private static Dictionary<string, string> Forwarded(string proto, string host, string visitor) => new()
    {
        ["X-Forwarded-Proto"] = proto,
        ["X-Forwarded-Host"] = host,
        ["X-Forwarded-For"] = visitor,
    };

    private static FormUrlEncodedContent Form() => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = "reader-app",
        ["client_secret"] = "Reader-app-secret-1",
    });
}
