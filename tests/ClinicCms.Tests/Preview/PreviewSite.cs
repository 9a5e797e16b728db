using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Preview;

/// <summary>
/// One secured site for the preview tests, with the preview recipe (a Page type with a PreviewUrl, its drafts, a
/// previewer, a user whose role loses PreviewContent, a preview client) and a clock the tests can move.
/// </summary>
public sealed class PreviewSite : IAsyncLifetime
{
    public const string Collection = "Preview site";

    public const string Draft = "4previewdraft00000000001";
    public const string OtherDraft = "4previewother00000000001";
    public const string Live = "4previewlive000000000001";

    public ShiftedClock Clock { get; } = new();

    public SecuredSite Site { get; private set; } = null!;

    public static string Recipe => Path.Combine(AppContext.BaseDirectory, "Preview", "Files", "preview.recipe.json");

    public async ValueTask InitializeAsync()
    {
        Site = await SecuredSite.StartAsync(new ClinicCmsApp(services: s => s.AddSingleton<TimeProvider>(Clock),
            settings: new Dictionary<string, string> { ["ClinicCms:Security:Login:PermitLimit"] = "200" }));
        await Site.App.RunRecipeAsync(Recipe);
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();

    /// <summary>A signed-in session, with the antiforgery token of a page rendered for it, to post with as the admin's scripts do.</summary>
    public async Task<(HttpClient Http, string Antiforgery)> EditorAsync(string userName, string password)
    {
        var http = await Site.SignedInAsync(userName, password);
        var page = await http.GetStringAsync("/login");
        return (http, SecuredSite.AntiforgeryToken(page));
    }

    /// <summary>Posts a body to /api/preview-tokens, with the antiforgery header when given.</summary>
    public static async Task<HttpResponseMessage> RequestAsync(HttpClient http, HttpContent body, string? antiforgery = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/preview-tokens") { Content = body };
        if (antiforgery is not null)
        {
            request.Headers.Add("RequestVerificationToken", antiforgery);
        }
        return await http.SendAsync(request);
    }

    public static Task<HttpResponseMessage> RequestAsync(HttpClient http, string contentItemId, string? antiforgery = null) =>
        RequestAsync(http, JsonContent.Create(new { ContentItemId = contentItemId }), antiforgery);

    /// <summary>A preview token for <paramref name="contentItemId"/>, issued to the signed-in user.</summary>
    public async Task<JsonObject> IssueAsync(string userName, string password, string contentItemId)
    {
        var (http, antiforgery) = await EditorAsync(userName, password);
        using (http)
        {
            using var response = await RequestAsync(http, contentItemId, antiforgery);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
            Assert.True(response.IsSuccessStatusCode, body.ToJsonString());
            return body;
        }
    }

    public HttpClient WithPreviewToken(string token)
    {
        var http = Site.Anonymous();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return http;
    }
}

/// <summary>The preview test classes share one <see cref="PreviewSite"/>, and run one after another.</summary>
[CollectionDefinition(PreviewSite.Collection)]
public sealed class PreviewSiteGroup : ICollectionFixture<PreviewSite>;
