using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Review;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Scheduling;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Scheduling;

/// <summary>
/// One clinic site for a scheduling test class: the access and review recipes (clients that write, review and publish),
/// the scheduler on with a one-second interval, and a clock the tests move forward.
/// </summary>
public sealed class ScheduleSite : IAsyncLifetime
{
    public ShiftedClock Clock { get; } = new();

    public SecuredSite Site { get; private set; } = null!;

    public ClinicCmsApp App => Site.App;

    public async ValueTask InitializeAsync()
    {
        Site = await SecuredSite.StartAsync(new ClinicCmsApp(
            settings: Settings,
            services: s => s.AddSingleton<TimeProvider>(Clock)));
        await App.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Review", "Files", "review.recipe.json"));
    }

    public static Dictionary<string, string> Settings => new()
    {
        ["ClinicCms:Scheduling:Enabled"] = "true",
        ["ClinicCms:Scheduling:IntervalSeconds"] = "1",
        ["ClinicCms:Security:Token:PermitLimit"] = "0", // a fresh token per request: more than the per-address budget
    };

    public ValueTask DisposeAsync() => Site.DisposeAsync();

    public async Task<HttpClient> AsAsync(string clientId) => Site.WithToken(await Site.TokenAsync(clientId, Secrets[clientId]));

    /// <summary>Posts an item to the REST API as <paramref name="clientId"/> (as a draft unless <paramref name="publish"/>).</summary>
    public async Task<HttpResponseMessage> PostAsync(string clientId, JsonObject item, bool publish = false)
    {
        using var http = await AsAsync(clientId);
        return await http.PostAsJsonAsync(publish ? "/api/content" : "/api/content?draft=true", item);
    }

    /// <summary>Posts a new draft FAQ and returns its id.</summary>
    public async Task<string> DraftFaqAsync(string clientId, string question, DateTime? publishUtc = null)
    {
        var faq = ReviewSite.Faq(question);
        if (publishUtc is not null)
        {
            faq["PublishLaterPart"] = PublishLater(publishUtc);
        }
        using var response = await PostAsync(clientId, faq);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!["ContentItemId"]!.GetValue<string>();
    }

    /// <summary>The clock's time <paramref name="minutes"/> from now, to the second (as the REST bodies write it).</summary>
    public DateTime In(double minutes)
    {
        var at = Clock.UtcNow.AddMinutes(minutes);
        return new DateTime(at.Ticks - at.Ticks % TimeSpan.TicksPerSecond, DateTimeKind.Utc);
    }

    public static JsonObject PublishLater(DateTime? utc) => new() { ["ScheduledPublishUtc"] = utc?.ToString("yyyy-MM-ddTHH:mm:ssZ") };

    public static JsonObject ArchiveLater(DateTime? utc) => new() { ["ScheduledArchiveUtc"] = utc?.ToString("yyyy-MM-ddTHH:mm:ssZ") };

    public Task<ContentItem?> StoredAsync(string id, VersionOptions options = VersionOptions.Latest) =>
        App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().GetAsync(id, options));

    public Task<IReadOnlyList<ContentItem>> VersionsAsync(string id) =>
        App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ListVersionsAsync(id));

    /// <summary>One check of this instance's scheduler, now (its own loop keeps running too).</summary>
    public Task<IReadOnlyList<ClinicCms.Content.Scheduling.ScheduledRun>> RunSchedulerAsync() => App.Services.GetRequiredService<PublishScheduler>().RunOnceAsync();

    /// <summary>The display texts of the published FAQs GraphQL gives the frontend's reader client.</summary>
    public async Task<List<string>> PublishedFaqTitlesAsync(string contains)
    {
        var graph = new GraphQLClient(await AsAsync("reader-app"));
        var data = await graph.DataAsync("query($v: String!) { faq(where: { displayText_contains: $v }) { displayText } }", new { v = contains });
        return [.. data["faq"]!.AsArray().Select(n => n!["displayText"]!.GetValue<string>())];
    }

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["author-app"] = "Author-app-secret-1",
        ["reviewer-app"] = "Reviewer-app-secret-1",
        ["publisher-app"] = "Publisher-app-secret-1",
        ["chief-app"] = "Chief-app-secret-1",
        ["reader-app"] = "Reader-app-secret-1",
        ["contrib-app"] = "Contrib-app-secret-1",
    };
}
