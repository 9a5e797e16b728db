using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Audit;
using ClinicCms.Content.Store;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Audit;

/// <summary>
/// One clinic site for the audit tests, served on 127.0.0.1 (a trusted proxy by default), so that X-Forwarded-For
/// sets the client's address as it does behind nginx. It has the access and review recipes (clients and users that
/// write, review and publish) and the audit recipe (a reader of FAQ rows only). Its clock can be moved back.
/// </summary>
public sealed class AuditSite : IAsyncLifetime
{
    public const string Visitor = "198.51.100.7";

    private readonly Dictionary<string, string> _tokens = [];

    public ShiftedClock Clock { get; } = new();

    public SecuredSite Site { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        Site = await SecuredSite.StartOnLoopbackAsync(new ClinicCmsApp(services: s => s.AddSingleton<TimeProvider>(Clock),
            settings: new Dictionary<string, string> { ["ClinicCms:Security:Login:PermitLimit"] = "200" }));
        await Site.App.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Review", "Files", "review.recipe.json"));
        await Site.App.RunRecipeAsync(Path.Combine(AppContext.BaseDirectory, "Audit", "Files", "audit.recipe.json"));
        // The retention pass at start waits its turn to write behind the recipes; a test that dates rows a year back
        // begins after it, or that pass may delete them first.
        await Site.App.Services.GetRequiredService<AuditRetention>().FirstPass.WaitAsync(TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();

    /// <summary>A client of <paramref name="clientId"/>'s token that says, as a proxy would, that it comes from <paramref name="from"/>.</summary>
    public async Task<HttpClient> AsAsync(string clientId, string from = Visitor)
    {
        if (!_tokens.TryGetValue(clientId, out var token))
        {
            token = _tokens[clientId] = await Site.TokenAsync(clientId, Secrets[clientId]);
        }
        var http = Site.WithToken(token);
        http.DefaultRequestHeaders.Add("X-Forwarded-For", from);
        return http;
    }

    /// <summary>A browser signed in as <paramref name="userName"/>, coming through the proxy from <paramref name="from"/>.</summary>
    public async Task<HttpClient> SignedInAsync(string userName, string password, string from = Visitor)
    {
        var http = Site.Anonymous();
        http.DefaultRequestHeaders.Add("X-Forwarded-For", from);
        using var response = await SecuredSite.PostLoginAsync(http, userName, password);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return http;
    }

    /// <summary>Posts <paramref name="item"/>; returns the stored item (or fails the test).</summary>
    public static async Task<JsonNode> PostAsync(HttpClient http, JsonObject item, bool draft)
    {
        using var response = await http.PostAsJsonAsync("/api/content" + (draft ? "?draft=true" : ""), item);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        return JsonNode.Parse(body)!;
    }

    public static JsonObject Notice(string title, string? id = null)
    {
        var notice = new JsonObject { ["ContentType"] = "Notice", ["TitlePart"] = new JsonObject { ["Title"] = title } };
        if (id is not null)
        {
            notice["ContentItemId"] = id;
        }
        return notice;
    }

    /// <summary>Audit rows, oldest first, that match <paramref name="where"/>; read from the store.</summary>
    public Task<List<AuditRow>> RowsAsync(System.Linq.Expressions.Expression<Func<AuditRow, bool>> where) => Site.App.InScopeAsync(sp =>
        sp.GetRequiredService<ClinicCmsDbContext>().AuditTrail.AsNoTracking().Where(where).OrderBy(r => r.Id).ToListAsync());

    /// <summary>The id of the newest row (0 when there is none): rows written after it have larger ids.</summary>
    public async Task<long> LastIdAsync() => await Site.App.InScopeAsync(sp =>
        sp.GetRequiredService<ClinicCmsDbContext>().AuditTrail.MaxAsync(r => (long?)r.Id)) ?? 0;

    private static readonly Dictionary<string, string> Secrets = new()
    {
        ["author-app"] = "Author-app-secret-1",
        ["reviewer-app"] = "Reviewer-app-secret-1",
        ["publisher-app"] = "Publisher-app-secret-1",
        ["chief-app"] = "Chief-app-secret-1",
    };
}

/// <summary>The audit tests share one site and run one after another; each looks only at rows of its own items or written after it started.</summary>
[CollectionDefinition(nameof(AuditSite))]
public sealed class AuditSiteGroup : ICollectionFixture<AuditSite>;
