using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Security;

/// <summary>
/// Tokens and sessions end when access ends; guessing is rate limited; sign-in answers reveal nothing. The tests
/// on the default site share it: they change the editor-app and rotating-app clients and the chief and writer users.
/// </summary>
public sealed class AccessEndsTests(SharedSecuredSite shared) : IClassFixture<SharedSecuredSite>
{
    [Fact]
    public async Task Wrong_client_secrets_are_rate_limited_and_an_unknown_client_gets_the_same_answer()
    {
        await using var site = await SecuredSite.StartAsync(new ClinicCmsApp(environment: "Production",
            settings: new Dictionary<string, string> { ["ClinicCms:Security:RequireHttps"] = "false" }));

        using var unknown = await site.RequestTokenAsync("nobody", "whatever");
        using var wrong = await site.RequestTokenAsync("reader-app", "wrong-secret");
        var hostile = new List<HttpStatusCode>();
        using (var http = site.Anonymous())
        {
            using var basic = new HttpRequestMessage(HttpMethod.Post, "/connect/token") { Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]) };
            basic.Headers.TryAddWithoutValidation("Authorization", "Basic !!not-base64!!");
            hostile.Add((await http.SendAsync(basic)).StatusCode);
            using var surrogate = new StringContent("grant_type=client_credentials&client_id=%ED%A0%80&client_secret=x", System.Text.Encoding.ASCII, "application/x-www-form-urlencoded");
            hostile.Add((await http.PostAsync("/connect/token", surrogate)).StatusCode);
            hostile.Add((await site.RequestTokenAsync(new string('c', 100_000), "x")).StatusCode);
        }
        var statuses = new List<HttpStatusCode>();
        string? retryAfter = null;
        for (var i = 0; i < 40 && !statuses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var response = await site.RequestTokenAsync("reader-app", $"wrong-secret-{i}");
            statuses.Add(response.StatusCode);
            retryAfter = response.Headers.TryGetValues("Retry-After", out var values) ? values.Single() : null;
        }

        Assert.All(hostile, status => Assert.True(status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, $"{status}"));
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        var unknownBody = JsonNode.Parse(await unknown.Content.ReadAsStringAsync())!;
        var wrongBody = JsonNode.Parse(await wrong.Content.ReadAsStringAsync())!;
        Assert.Equal("invalid_client", unknownBody["error"]!.GetValue<string>());
        Assert.Equal(wrongBody["error"]!.GetValue<string>(), unknownBody["error"]!.GetValue<string>());
        Assert.Equal(wrongBody["error_description"]?.GetValue<string>(), unknownBody["error_description"]?.GetValue<string>());
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(statuses.Count <= 20, $"The first 429 came after {statuses.Count} wrong secrets.");
        Assert.True(int.TryParse(retryAfter, out var seconds) && seconds > 0, $"Retry-After was '{retryAfter}'.");
    }

    [Fact]
    public async Task Changing_an_api_clients_roles_or_disabling_it_stops_its_existing_tokens_at_once()
    {
        var site = shared.Site;
        using var editor = site.WithToken(await site.TokenAsync("editor-app", "Editor-app-secret-1"));
        using var before = await editor.PostAsJsonAsync("/api/content?draft=true", Faq("Before the change?"));

        // The client loses its writing role: the token it holds stops writing.
        await site.App.RunRecipeTextAsync("""
            { "steps": [ { "name": "OpenIdApplication", "ClientId": "editor-app", "ClientSecret": "Editor-app-secret-1", "DisplayName": "Import job",
              "Type": "Confidential", "AllowClientCredentialsFlow": true, "RoleEntries": [ { "Name": "ApiReader" } ] } ] }
            """, "roles.recipe.json");
        using var afterRoles = await editor.PostAsJsonAsync("/api/content?draft=true", Faq("After the change?"));
        using var stillReads = await editor.GetAsync($"/api/content/{ClinicIds.Article}");

        // An administrator disables the client: the token it holds is refused.
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var page = await admin.GetStringAsync("/admin/clients");
        using var toggle = await admin.PostAsync("/admin/clients?handler=Toggle", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["clientId"] = "editor-app",
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(page),
        }));
        using var afterDisable = await editor.GetAsync($"/api/content/{ClinicIds.Article}");
        // Enabled again, it takes new tokens; the one it held stays ended.
        using var enable = await admin.PostAsync("/admin/clients?handler=Toggle", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["clientId"] = "editor-app",
            ["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(await admin.GetStringAsync("/admin/clients")),
        }));
        using var heldAfterEnable = await editor.GetAsync($"/api/content/{ClinicIds.Article}");
        using var renewed = site.WithToken(await site.TokenAsync("editor-app", "Editor-app-secret-1"));
        using var newAfterEnable = await renewed.GetAsync($"/api/content/{ClinicIds.Article}");

        Assert.True(before.IsSuccessStatusCode, await before.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, afterRoles.StatusCode);
        Assert.Equal(HttpStatusCode.OK, stillReads.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, toggle.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterDisable.StatusCode);
        Assert.Contains("invalid_token", afterDisable.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, enable.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, heldAfterEnable.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newAfterEnable.StatusCode);
    }

    [Fact]
    public async Task A_new_client_secret_ends_the_tokens_taken_with_the_old_one_from_the_admin_or_a_recipe()
    {
        var site = shared.Site;
        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        var created = await PostClientFormAsync(admin, "Create", new() { ["clientId"] = "rotating-app", ["roles"] = "ApiEditor" });
        var firstSecret = NewSecret(created);
        using var first = site.WithToken(await site.TokenAsync("rotating-app", firstSecret));
        using var beforeRotation = await first.GetAsync($"/api/content/{ClinicIds.Article}");
        using var issued = await first.PostAsJsonAsync("/api/preview-tokens", new { ContentItemId = ClinicIds.Article });
        var previewToken = (await issued.Content.ReadFromJsonAsync<JsonObject>())!["token"]!.GetValue<string>();
        using var preview = site.WithToken(previewToken);
        using var previewBefore = await preview.PostAsJsonAsync("/api/graphql", new { query = "{ article(status: LATEST) { contentItemId } }" });

        var rotated = await PostClientFormAsync(admin, "Rotate", new() { ["clientId"] = "rotating-app" });
        var secondSecret = NewSecret(rotated);
        using var oldTokenAfterRotation = await first.GetAsync($"/api/content/{ClinicIds.Article}");
        using var previewAfterRotation = await preview.PostAsJsonAsync("/api/graphql", new { query = "{ article(status: LATEST) { contentItemId } }" });
        using var oldSecret = await site.RequestTokenAsync("rotating-app", firstSecret);
        using var second = site.WithToken(await site.TokenAsync("rotating-app", secondSecret));
        using var newToken = await second.GetAsync($"/api/content/{ClinicIds.Article}");

        // A recipe that gives the same secret again keeps the tokens; one that gives another secret ends them.
        await site.App.RunRecipeTextAsync(ClientRecipe(secondSecret), "same-secret.recipe.json");
        using var afterSameSecret = await second.GetAsync($"/api/content/{ClinicIds.Article}");
        await site.App.RunRecipeTextAsync(ClientRecipe("Rotating-app-secret-3"), "new-secret.recipe.json");
        using var afterNewSecret = await second.GetAsync($"/api/content/{ClinicIds.Article}");
        using var third = site.WithToken(await site.TokenAsync("rotating-app", "Rotating-app-secret-3"));
        using var thirdToken = await third.GetAsync($"/api/content/{ClinicIds.Article}");

        Assert.Equal(HttpStatusCode.OK, beforeRotation.StatusCode);
        Assert.NotEqual(firstSecret, secondSecret);
        Assert.Equal(HttpStatusCode.Unauthorized, oldTokenAfterRotation.StatusCode);
        Assert.Contains("secret was replaced", oldTokenAfterRotation.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, previewBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, previewAfterRotation.StatusCode); // preview tokens it took end with the old secret too
        Assert.Equal(HttpStatusCode.Unauthorized, oldSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, newToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, afterSameSecret.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterNewSecret.StatusCode);
        Assert.Equal(HttpStatusCode.OK, thirdToken.StatusCode);

        static string ClientRecipe(string secret) => $$"""
            { "steps": [ { "name": "OpenIdApplication", "ClientId": "rotating-app", "ClientSecret": "{{secret}}", "DisplayName": "Rotating",
              "Type": "Confidential", "AllowClientCredentialsFlow": true, "RoleEntries": [ { "Name": "ApiEditor" } ] } ] }
            """;
    }

    private static async Task<string> PostClientFormAsync(HttpClient admin, string handler, Dictionary<string, string> form)
    {
        form["__RequestVerificationToken"] = SecuredSite.AntiforgeryToken(await admin.GetStringAsync("/admin/clients"));
        using var response = await admin.PostAsync($"/admin/clients?handler={handler}", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private static string NewSecret(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<code id=\"new-secret\">([^<]+)</code>") is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException("The page shows no new secret.");

    [Fact]
    public async Task An_editor_stripped_of_roles_or_disabled_is_refused_on_the_next_request()
    {
        var site = shared.Site;
        using var chief = await site.SignedInAsync("chief", "Chief-password-1");
        using var writer = await site.SignedInAsync("writer", "Writer-password-1");
        using var chiefBefore = await chief.GetAsync("/admin");
        using var writerBefore = await writer.GetAsync("/admin");

        using var admin = await site.SignedInAsync("admin", ClinicCmsApp.AdminPassword);
        await SaveUserAsync(site, admin, "chief", roles: [], enabled: true);
        await SaveUserAsync(site, admin, "writer", roles: ["Author", "OwnReader"], enabled: false);
        using var chiefAfter = await chief.GetAsync("/admin");
        using var chiefApi = await chief.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });
        using var writerAfter = await writer.GetAsync("/admin");

        Assert.Equal(HttpStatusCode.OK, chiefBefore.StatusCode);
        Assert.Equal(HttpStatusCode.OK, writerBefore.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, chiefAfter.StatusCode);
        Assert.StartsWith("/login", chiefAfter.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, chiefApi.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, writerAfter.StatusCode);
        Assert.StartsWith("/login", writerAfter.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_bearer_client_has_its_own_rate_limit_apart_from_anonymous_callers()
    {
        await using var site = await SecuredSite.StartAsync(new ClinicCmsApp(settings: new Dictionary<string, string>
        {
            ["ClinicCms:Security:Api:PermitLimit"] = "3",
            ["ClinicCms:Security:Api:WindowSeconds"] = "60",
            ["ClinicCms:Security:ApiClient:PermitLimit"] = "6",
            ["ClinicCms:Security:ApiClient:WindowSeconds"] = "60",
        }));
        using var anonymous = site.Anonymous();
        using var frontend = site.WithToken(await site.TokenAsync("reader-app", "Reader-app-secret-1"));

        var anonymousCalls = new List<HttpStatusCode>();
        var clientCalls = new List<HttpStatusCode>();
        for (var i = 0; i < 7; i++)
        {
            using var a = await anonymous.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });
            anonymousCalls.Add(a.StatusCode);
            using var c = await frontend.PostAsJsonAsync("/api/graphql", new { query = "{ faqCount }" });
            clientCalls.Add(c.StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, anonymousCalls[3]);
        Assert.DoesNotContain(HttpStatusCode.TooManyRequests, clientCalls.Take(6));
        Assert.Equal(HttpStatusCode.TooManyRequests, clientCalls[6]);
    }

    [Fact]
    public async Task Failures_from_one_address_do_not_lock_an_account_or_a_client_for_another_and_answers_reveal_nothing()
    {
        await using var site = await SecuredSite.StartOnLoopbackAsync(new ClinicCmsApp(settings: new Dictionary<string, string> { ["ClinicCms:Security:Login:PermitLimit"] = "50" }));
        if (!CanBind("127.0.0.2"))
        {
            Assert.Skip("This machine cannot send from 127.0.0.2, the second loopback address the test needs.");
        }
        using var attacker = FromAddress(site, "127.0.0.2");
        using var editor = FromAddress(site, "127.0.0.1");

        using var unknown = await SecuredSite.PostLoginAsync(attacker, "nobody-here", "not-the-password");
        var failures = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            using var failed = await SecuredSite.PostLoginAsync(attacker, "reader", "not-the-password");
            failures.Add(ErrorOf(await failed.Content.ReadAsStringAsync()));
        }
        using var attackerRight = await SecuredSite.PostLoginAsync(attacker, "reader", "Reader-password-1");
        using var editorRight = await SecuredSite.PostLoginAsync(editor, "reader", "Reader-password-1");

        var unknownError = ErrorOf(await unknown.Content.ReadAsStringAsync());
        Assert.NotEqual("", unknownError);
        Assert.All(failures, f => Assert.Equal(unknownError, f));
        Assert.Equal(unknown.StatusCode, attackerRight.StatusCode);
        Assert.Equal(unknownError, ErrorOf(await attackerRight.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.Redirect, editorRight.StatusCode);

        // The same for API clients: wrong secrets from one address exhaust the client id's failures, yet the frontend,
        // calling from an address that has not failed, still gets its token. A third address first fails with a
        // client id spelled as the frontend's own client-and-address key, which must not count as the frontend failing.
        if (CanBind("127.0.0.3"))
        {
            using var speller = FromAddress(site, "127.0.0.3");
            using var spelled = await speller.PostAsync("/connect/token", TokenForm("reader-app|ip:127.0.0.1", "wrong"));
            Assert.Equal(HttpStatusCode.Unauthorized, spelled.StatusCode);
        }
        var guesses = new List<HttpStatusCode>();
        for (var i = 0; i < 15 && !guesses.Contains(HttpStatusCode.TooManyRequests); i++)
        {
            using var guess = await attacker.PostAsync("/connect/token", TokenForm("reader-app", $"wrong-{i}"));
            guesses.Add(guess.StatusCode);
        }
        using var attackerToken = await attacker.PostAsync("/connect/token", TokenForm("reader-app", "Reader-app-secret-1"));
        using var frontendToken = await editor.PostAsync("/connect/token", TokenForm("reader-app", "Reader-app-secret-1"));

        Assert.Equal(HttpStatusCode.TooManyRequests, guesses[^1]);
        Assert.Equal(HttpStatusCode.TooManyRequests, attackerToken.StatusCode);
        Assert.Equal(HttpStatusCode.OK, frontendToken.StatusCode);
    }

    private static FormUrlEncodedContent TokenForm(string clientId, string secret) => new(new Dictionary<string, string>
    {
        ["grant_type"] = "client_credentials",
        ["client_id"] = clientId,
        ["client_secret"] = secret,
    });

    private static string ErrorOf(string page) =>
        System.Text.RegularExpressions.Regex.Match(page, "<p class=\"error\" role=\"alert\">([^<]*)</p>").Groups[1].Value;

    private static bool CanBind(string address)
    {
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    // A browser on another address: the connection is made from the given loopback address.
    private static HttpClient FromAddress(SecuredSite site, string address)
    {
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            ConnectCallback = async (context, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Parse(address), 0));
                await socket.ConnectAsync(context.DnsEndPoint.Host == "localhost" ? IPAddress.Loopback : IPAddress.Parse(context.DnsEndPoint.Host), context.DnsEndPoint.Port, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        return new HttpClient(handler) { BaseAddress = site.App.LoopbackAddress };
    }

    private static async Task SaveUserAsync(SecuredSite site, HttpClient admin, string userName, string[] roles, bool enabled)
    {
        var id = await site.App.InScopeAsync(async sp => (await sp.GetRequiredService<UserManager<IdentityUser>>().FindByNameAsync(userName))!.Id);
        var page = await admin.GetStringAsync($"/admin/users/{id}");
        var form = new List<KeyValuePair<string, string>>
        {
            new("email", $"{userName}@example.com"),
            new("enabled", enabled ? "true" : "false"),
            new("__RequestVerificationToken", SecuredSite.AntiforgeryToken(page)),
        };
        form.AddRange(roles.Select(r => new KeyValuePair<string, string>("roles", r)));
        using var response = await admin.PostAsync($"/admin/users/{id}?handler=Save", new FormUrlEncodedContent(form));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    private static JsonObject Faq(string question) => new()
    {
        ["ContentType"] = "FAQ",
        ["TitlePart"] = new JsonObject { ["Title"] = question },
        ["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = 70 } },
    };
}
