using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Security;

/// <summary>
/// Sign-in and tokens. The tests on the default site share one host: the lockout test locks the reader user, whom
/// no other test of the class signs in as; tests that need other settings or a restart boot their own.
/// </summary>
public sealed class SignInAndTokenTests(SharedSecuredSite shared) : IClassFixture<SharedSecuredSite>
{
    [Fact]
    public async Task A_token_is_issued_for_the_right_secret_and_refused_for_a_wrong_one()
    {
        var site = shared.Site;

        using var good = await site.RequestTokenAsync("reader-app", "Reader-app-secret-1");
        using var bad = await site.RequestTokenAsync("reader-app", "wrong-secret");
        using var unknown = await site.RequestTokenAsync("nobody", "whatever");

        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        var token = JsonNode.Parse(await good.Content.ReadAsStringAsync())!;
        Assert.Equal("Bearer", token["token_type"]!.GetValue<string>());
        Assert.InRange(token["expires_in"]!.GetValue<int>(), 3500, 3600);
        Assert.Equal(HttpStatusCode.Unauthorized, bad.StatusCode);
        Assert.Equal("invalid_client", JsonNode.Parse(await bad.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
    }

    [Fact]
    public async Task An_expired_token_is_refused()
    {
        await using var site = await SecuredSite.StartAsync(new ClinicCmsApp(settings: new Dictionary<string, string> { ["ClinicCms:Security:AccessTokenSeconds"] = "1" }));
        using var http = site.WithToken(await site.TokenAsync("reader-app", "Reader-app-secret-1"));

        // Asks until the token's second has passed.
        using var response = await Eventually.SendUntilAsync(() => http.GetAsync($"/api/content/{ClinicIds.Article}"), r => r.StatusCode != HttpStatusCode.OK);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_and_a_sign_in_issued_before_a_restart_still_work_after_it()
    {
        using var data = new TempFolder();
        string token;
        System.Net.Http.Headers.HttpResponseHeaders cookies;
        // The site makes its own token keys, as a new site does, and finds them again after the restart.
        await using (var before = await SecuredSite.StartAsync(new ClinicCmsApp(data: data, newTokenKeys: true)))
        {
            token = await before.TokenAsync("reader-app", "Reader-app-secret-1");
            using var login = await SecuredSite.PostLoginAsync(before.App.CreateClient(new() { AllowAutoRedirect = false }), "reader", "Reader-password-1");
            cookies = login.Headers;
        }
        await using var after = new ClinicCmsApp(data: data, newTokenKeys: true);
        using var withToken = after.CreateClient();
        withToken.DefaultRequestHeaders.Authorization = new("Bearer", token);
        using var withCookie = after.CreateClient();
        withCookie.DefaultRequestHeaders.Add("Cookie", cookies.GetValues("Set-Cookie").Select(c => c.Split(';')[0]));

        using var api = await withToken.GetAsync($"/api/content/{ClinicIds.Article}");
        using var graphql = await withCookie.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });

        Assert.Equal(HttpStatusCode.OK, api.StatusCode);
        Assert.Equal(HttpStatusCode.OK, graphql.StatusCode);
        Assert.Equal(1, (await GraphQLClient.Parse(graphql))["data"]!["faqCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Five_failed_sign_ins_lock_the_account_even_for_the_right_password()
    {
        var site = shared.Site;
        using var http = site.App.CreateClient(new() { AllowAutoRedirect = false });

        var messages = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            using var failed = await SecuredSite.PostLoginAsync(http, "reader", "not-the-password");
            var text = await failed.Content.ReadAsStringAsync();
            messages.Add(text.Contains(ClinicCms.Web.Pages.LoginModel.Failed, StringComparison.Ordinal) ? "failed" : "?");
        }
        using var locked = await SecuredSite.PostLoginAsync(http, "reader", "Reader-password-1");

        // The fifth failure locks the account (for this address), and from then on the right password does not help
        // either; the answer is the same as for a wrong password, so it does not tell that the account exists.
        Assert.Equal(["failed", "failed", "failed", "failed", "failed"], messages);
        Assert.Equal(HttpStatusCode.OK, locked.StatusCode);
        Assert.Contains(ClinicCms.Web.Pages.LoginModel.Failed, await locked.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_sign_in_post_without_an_antiforgery_token_is_rejected()
    {
        var site = shared.Site;
        using var http = site.App.CreateClient(new() { AllowAutoRedirect = false });

        using var response = await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = "reader",
            ["Password"] = "Reader-password-1",
        }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie") && response.Headers.GetValues("Set-Cookie").Any(c => c.StartsWith("ClinicCms.Auth", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Outside_development_the_sign_in_cookie_is_secure_http_only_and_same_site_and_pages_send_security_headers()
    {
        await using var site = await SecuredSite.StartAsync(new ClinicCmsApp(environment: "Production",
            settings: new Dictionary<string, string> { ["ClinicCms:Security:RequireHttps"] = "false" }));
        using var http = site.App.CreateClient(new() { AllowAutoRedirect = false, BaseAddress = new Uri("https://localhost") });

        using var login = await SecuredSite.PostLoginAsync(http, "reader", "Reader-password-1");
        using var page = await http.GetAsync("/login");
        using var api = await http.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });

        var cookie = login.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("ClinicCms.Auth=", StringComparison.Ordinal)).ToLowerInvariant();
        Assert.Contains("secure", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.Ordinal);
        Assert.Contains("samesite=lax", cookie, StringComparison.Ordinal);
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Contains("frame-ancestors 'none'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("strict-origin-when-cross-origin", api.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task Sign_in_attempts_and_token_requests_are_rate_limited()
    {
        await using var site = await SecuredSite.StartAsync(new ClinicCmsApp(settings: new Dictionary<string, string>
        {
            ["ClinicCms:Security:Login:PermitLimit"] = "2",
            ["ClinicCms:Security:Token:PermitLimit"] = "2",
            ["ClinicCms:Security:Api:PermitLimit"] = "3",
            ["ClinicCms:Security:Api:WindowSeconds"] = "60",
        }));
        using var http = site.App.CreateClient(new() { AllowAutoRedirect = false });

        var logins = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await SecuredSite.PostLoginAsync(http, "reader", "wrong");
            logins.Add(response.StatusCode);
        }
        var tokens = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await site.RequestTokenAsync("reader-app", "Reader-app-secret-1");
            tokens.Add(response.StatusCode);
        }
        var calls = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await http.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });
            calls.Add(response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, logins[2]);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], tokens);
        Assert.Equal(HttpStatusCode.TooManyRequests, calls[3]);
    }
}
