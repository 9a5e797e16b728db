using System.Net;
using System.Text.Json.Nodes;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Search;

/// <summary>The search test site (Files/search.recipe.json), shared by a test class; on the test run's database unless told.</summary>
public sealed class SearchSite : IAsyncLifetime
{
    public static string Recipe => Path.Combine(AppContext.BaseDirectory, "Search", "Files", "search.recipe.json");

    public SearchSite() : this(null)
    {
    }

    internal SearchSite(bool? postgres, IDictionary<string, string>? settings = null) => App = new ClinicCmsApp(setupRecipe: Recipe, postgres: postgres, settings: settings);

    public ClinicCmsApp App { get; }

    public const string Hits = "total items { score snippet contentItem { contentItemId contentType displayText } }";

    public async ValueTask InitializeAsync()
    {
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    public GraphQLClient Anonymous() => new(App.CreateClient());

    public async Task<GraphQLClient> AdminAsync() => new(await new SecuredSite(App).SignedInAsync("admin", ClinicCmsApp.AdminPassword));

    /// <summary>The answer of search(query: $q, ...) with the extra arguments given, which must succeed.</summary>
    public static async Task<JsonObject> SearchAsync(GraphQLClient client, string query, string arguments = "")
    {
        var data = await client.DataAsync($"query($q: String!) {{ search(query: $q{arguments}) {{ {Hits} }} }}", new { q = query });
        return data["search"]!.AsObject();
    }

    /// <summary>The ids of the items found, best first.</summary>
    public static List<string> Ids(JsonObject answer) =>
        [.. answer["items"]!.AsArray().Select(i => i!["contentItem"]!["contentItemId"]!.GetValue<string>())];

    /// <summary>A published-ready Page with a title and an HTML body, for tests that write through ContentService.</summary>
    public static ClinicCms.Content.ContentItems.ContentItem Page(string title, string html = "<p>Up in the air.</p>") => new()
    {
        ContentItemId = ClinicCms.Content.ContentItems.IdGenerator.NewId(),
        ContentType = "Page",
        DisplayText = title,
        Parts = new System.Text.Json.Nodes.JsonObject
        {
            ["TitlePart"] = new System.Text.Json.Nodes.JsonObject { ["Title"] = title },
            ["HtmlBodyPart"] = new System.Text.Json.Nodes.JsonObject { ["Html"] = html },
        },
    };

    public ValueTask DisposeAsync() => App.DisposeAsync();
}
