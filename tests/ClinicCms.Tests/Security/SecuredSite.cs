using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClinicCms.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClinicCms.Tests.Security;

/// <summary>
/// The clinic site with the access recipe applied, and clients that authenticate for real: tokens from /connect/token,
/// cookies from /login. A site that starts from a prepared copy (<see cref="ClinicCmsApp.PrepareWith"/>) gets the
/// copy that the access recipe already ran on, rather than hashing its users' passwords again.
/// </summary>
public sealed partial class SecuredSite : IAsyncDisposable
{
    public SecuredSite(ClinicCmsApp app) => App = app;

    public ClinicCmsApp App { get; }

    public static string Recipe => Path.Combine(AppContext.BaseDirectory, "Security", "Files", "access.recipe.json");

    public static async Task<SecuredSite> StartAsync(ClinicCmsApp? app = null)
    {
        var site = new SecuredSite(app ?? new ClinicCmsApp());
        var prepared = site.App.PrepareWith(Recipe);
        _ = site.App.CreateClient();
        if (!prepared)
        {
            await site.App.RunRecipeAsync(Recipe);
        }
        return site;
    }

    /// <summary>
    /// Serves <paramref name="app"/> over a real socket on 127.0.0.1 (for a browser, a proxy or HTTPS from the
    /// Kestrel settings) and applies the access recipe.
    /// </summary>
    public static async Task<SecuredSite> StartOnLoopbackAsync(ClinicCmsApp app)
    {
        var prepared = app.PrepareWith(Recipe);
        app.StartOnLoopback();
        if (!prepared)
        {
            await app.RunRecipeAsync(Recipe);
        }
        return new SecuredSite(app);
    }

    public HttpClient Anonymous() => Client();

    // On 127.0.0.1 the factory's client follows redirects whatever its options say, so a plain socket client is used there.
    private HttpClient Client() => App.LoopbackAddress is { } address
        ? new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false }) { BaseAddress = address }
        : App.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, BaseAddress = BaseAddress });

    // In-memory by default; the app's real address when it serves a browser on 127.0.0.1.
    private Uri BaseAddress => App.LoopbackAddress ?? new Uri("http://localhost");

    public async Task<HttpResponseMessage> RequestTokenAsync(string clientId, string secret)
    {
        using var http = Anonymous();
        return await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = clientId,
            ["client_secret"] = secret,
        }));
    }

    public async Task<string> TokenAsync(string clientId, string secret)
    {
        using var response = await RequestTokenAsync(clientId, secret);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
        return body["access_token"]!.GetValue<string>();
    }

    public HttpClient WithToken(string token)
    {
        var http = Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }

    public async Task<HttpClient> SignedInAsync(string userName, string password)
    {
        var http = Client();
        using var response = await PostLoginAsync(http, userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    /// <summary>Posts the sign-in form as a browser does, with the antiforgery token from the page.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient http, string userName, string password)
    {
        var token = AntiforgeryToken(await http.GetStringAsync("/login"));
        return await http.PostAsync("/login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["UserName"] = userName,
            ["Password"] = password,
            ["__RequestVerificationToken"] = token,
        }));
    }

    /// <summary>The antiforgery token of a page's form, to post it back as a browser would.</summary>
    public static string AntiforgeryToken(string page) => AntiforgeryField().Match(page).Groups[1].Value;

    public ValueTask DisposeAsync() => App.DisposeAsync();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
