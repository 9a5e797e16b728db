using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Review;

/// <summary>
/// One clinic site for a review test class: the access recipe, then the review recipe (clients and users that write,
/// review and publish, and a Notice type that does not require review). Tokens live a few seconds, so that a test can
/// watch one expire; each request gets a fresh one.
/// </summary>
public sealed class ReviewSite : IAsyncLifetime
{
    public const string TokenSeconds = "6";

    public SecuredSite Site { get; private set; } = null!;

    /// <summary>The app's clock, which a test may move back to write as if long ago.</summary>
    public ShiftedClock Clock { get; } = new();

    public async ValueTask InitializeAsync()
    {
        Site = await SecuredSite.StartAsync(new ClinicCmsApp(services: s => s.AddSingleton<TimeProvider>(Clock), settings: new Dictionary<string, string>
        {
            ["ClinicCms:Security:AccessTokenSeconds"] = TokenSeconds,
            ["ClinicCms:Security:Token:PermitLimit"] = "0", // a fresh token per request: more than the per-address budget
        }));
        await Site.App.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Review", "Files", "review.recipe.json"));
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();

    /// <summary>A client authenticated as <paramref name="clientId"/> with a token fetched now.</summary>
    public async Task<HttpClient> AsAsync(string clientId) =>
        Site.WithToken(await Site.TokenAsync(clientId, Secrets[clientId]));

    public async Task<HttpResponseMessage> ReviewAsync(string clientId, string id, string action, string? comment = null, string? stamp = null)
    {
        using var http = await AsAsync(clientId);
        // A reviewer approves the draft as they read it now, unless the test says which stamp they read.
        stamp ??= action == "Approve" ? (await StoredAsync(id))?.ConcurrencyStamp : null;
        return await http.PostAsJsonAsync($"/api/content/{id}/review", new { Action = action, Comment = comment, ConcurrencyStamp = stamp });
    }

    /// <summary>The item's latest (or published) version as stored, review record included.</summary>
    public Task<ContentItem?> StoredAsync(string id, VersionOptions options = VersionOptions.Latest) =>
        Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().GetAsync(id, options));

    public async Task<ReviewRecord> ReviewOfAsync(string id) => ReviewRecord.Of((await StoredAsync(id))!);

    /// <summary>Creates a draft FAQ as <paramref name="clientId"/>; returns its id.</summary>
    public async Task<string> DraftFaqAsync(string clientId, string question)
    {
        using var http = await AsAsync(clientId);
        using var response = await http.PostAsJsonAsync("/api/content?draft=true", Faq(question));
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["ContentItemId"]!.GetValue<string>();
    }

    public static JsonObject Faq(string question, string? id = null)
    {
        var faq = new JsonObject
        {
            ["ContentType"] = "FAQ",
            ["TitlePart"] = new JsonObject { ["Title"] = question },
            ["FAQ"] = new JsonObject
            {
                ["Answer"] = new JsonObject { ["Markdown"] = "An answer for " + question },
                ["Category"] = new JsonObject { ["Text"] = "general" },
                ["Order"] = new JsonObject { ["Value"] = 50 },
            },
        };
        if (id is not null)
        {
            faq["ContentItemId"] = id;
        }
        return faq;
    }

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["author-app"] = "Author-app-secret-1",
        ["other-author-app"] = "Other-author-app-secret-1",
        ["reviewer-app"] = "Reviewer-app-secret-1",
        ["publisher-app"] = "Publisher-app-secret-1",
        ["chief-app"] = "Chief-app-secret-1",
        ["blind-reviewer-app"] = "Blind-reviewer-app-secret-1",
    };
}
