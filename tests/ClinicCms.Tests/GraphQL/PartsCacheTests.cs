using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// Parsed parts are kept between requests by row and concurrency stamp: a repeated read skips the JSON column, and a
/// row changed in place (same version, new stamp) is read anew. The response cache is off, so every read reaches SQL.
/// </summary>
public sealed class PartsCacheTests : IAsyncLifetime
{
    private const string ItemId = "partscachearticle000000001";
    private const string VersionId = "partscacheversion000000001";
    private const string Query = "{ article(where: { contentItemId: \"" + ItemId + "\" }) { displayText subtitle } }";
    private readonly SqlCommandCounter _counter = new();
    private ClinicCmsApp _app = null!;

    public async ValueTask InitializeAsync()
    {
        _app = new ClinicCmsApp(settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false", ["ClinicCms:GraphQL:PublishedIndexMaxItems"] = "0" }, services: _counter.CountIn);
        _ = _app.CreateClient();
        await ImportAsync("First title", "First subtitle");
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_repeated_read_does_not_read_the_json_column()
    {
        var graphql = new GraphQLClient(_app.CreateClient());
        using var held = _counter.HoldClock();
        await graphql.DataAsync(Query);

        _counter.Reset();
        var data = await graphql.DataAsync(Query);

        Assert.Equal("First subtitle", data["article"]![0]!["subtitle"]!.GetValue<string>());
        var sql = Assert.Single(_counter.Commands);
        Assert.DoesNotContain(".\"Content\"", sql, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_changed_in_place_is_read_anew()
    {
        var graphql = new GraphQLClient(_app.CreateClient());
        await graphql.DataAsync(Query);

        await ImportAsync("Second title", "Second subtitle"); // the same version id: the row is updated in place
        var data = await graphql.DataAsync(Query);

        var article = Assert.Single(data["article"]!.AsArray())!;
        Assert.Equal("Second title", article["displayText"]!.GetValue<string>());
        Assert.Equal("Second subtitle", article["subtitle"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_reads_of_one_cached_item_agree()
    {
        var graphql = new GraphQLClient(_app.CreateClient());
        var first = (await graphql.DataAsync(Query)).ToJsonString();

        var reads = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => new GraphQLClient(_app.CreateClient()).DataAsync(Query)));

        Assert.All(reads, r => Assert.Equal(first, r.ToJsonString()));
    }

    private async Task ImportAsync(string title, string subtitle)
    {
        var item = new JsonObject
        {
            ["ContentItemId"] = ItemId,
            ["ContentItemVersionId"] = VersionId,
            ["ContentType"] = "Article",
            ["Latest"] = true,
            ["Published"] = true,
            ["TitlePart"] = new JsonObject { ["Title"] = title },
            ["Article"] = new JsonObject
            {
                ["Subtitle"] = new JsonObject { ["Text"] = subtitle },
                ["Summary"] = new JsonObject { ["Text"] = "A summary." },
            },
        };
        var recipe = new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = new JsonArray(item) }) };
        var report = await _app.RunRecipeTextAsync(recipe.ToJsonString(), "article.recipe.json");
        Assert.Equal(1, report.ItemsCreated + report.ItemsUpdated);
    }
}
