using System.Net;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Search;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Search;

/// <summary>The search test site set up with ClinicCms:Search:Enabled off, shared by the class.</summary>
public sealed class SearchOffSite : IAsyncLifetime
{
    public ClinicCmsApp App { get; } = new(setupRecipe: SearchSite.Recipe, settings: new Dictionary<string, string> { ["ClinicCms:Search:Enabled"] = "false" });

    public async ValueTask InitializeAsync()
    {
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

public sealed class SearchOffTests(SearchOffSite site) : IClassFixture<SearchOffSite>
{
    [Fact]
    public async Task GraphQL_search_says_that_search_is_off()
    {
        var (status, body) = await new GraphQLClient(site.App.CreateClient()).PostAsync("{ search(query: \"depression\") { total } }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Site search is off on this site (ClinicCms:Search:Enabled is false)", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Writes_leave_the_index_alone_and_index_rebuild_fills_it_afterwards()
    {
        var afterSetup = await DocumentsAsync(); // the setup recipe wrote ten items
        var id = await site.App.InScopeAsync(async sp =>
            (await sp.GetRequiredService<ContentService>().CreateAsync(SearchSite.Page("Search off", "<p>Written while search was off.</p>"), publish: true, ContentUser.System)).Item!.ContentItemId);
        var afterSave = await DocumentsAsync();

        var counts = await site.App.InScopeAsync(sp => sp.GetRequiredService<SearchIndexRebuild>().RebuildAsync(everyType: true));
        var afterRebuild = await DocumentsAsync();
        var created = await DocumentsAsync(id);

        Assert.Equal(0, afterSetup);
        Assert.Equal(0, afterSave);
        Assert.Equal(10, counts["Page"]); // nine from the recipe (one a draft) and the new one
        Assert.Equal(1, counts["Note"]);
        Assert.Equal(11, afterRebuild);
        Assert.Equal(1, created);
    }

    private Task<int> DocumentsAsync(string? id = null) => site.App.InScopeAsync(sp =>
    {
        var database = sp.GetRequiredService<ClinicCmsDbContext>().Database;
        return (id is null
            ? database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"SearchDocuments\"")
            : database.SqlQueryRaw<int>("SELECT COUNT(*) AS \"Value\" FROM \"SearchDocuments\" WHERE \"ContentItemId\" = {0}", id)).SingleAsync();
    });
}

/// <summary>A site run with search off, then started again with it on (SQLite: a test database on PostgreSQL is dropped with its host).</summary>
public sealed class SearchOffRestartTests
{
    [Fact]
    public async Task The_first_start_with_search_on_indexes_what_was_written_while_it_was_off()
    {
        if (ServiceRequirement.OnPostgres)
        {
            Assert.Skip("A restart on one test database is simulated on SQLite only: each PostgreSQL test host drops its database when it stops.");
        }
        using var data = new TempFolder();
        await using (var off = new ClinicCmsApp(setupRecipe: SearchSite.Recipe, data: data, settings: new Dictionary<string, string> { ["ClinicCms:Search:Enabled"] = "false" }))
        {
            using var client = off.CreateClient();
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
        }

        await using var on = new ClinicCmsApp(data: data);
        var (status, body) = await new GraphQLClient(on.CreateClient()).PostAsync("{ search(query: \"infusion\") { total } }");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.True(body["data"]!["search"]!["total"]!.GetValue<int>() > 0, body.ToJsonString());
    }

    [Fact]
    public async Task An_item_unpublished_by_a_process_with_search_off_is_not_served_by_a_server_with_it_on()
    {
        if (ServiceRequirement.OnPostgres)
        {
            Assert.Skip("Two hosts on one test database are simulated on SQLite only: each PostgreSQL test host drops its database when it stops.");
        }
        using var data = new TempFolder();
        await using var on = new ClinicCmsApp(setupRecipe: SearchSite.Recipe, data: data);
        var graphql = new GraphQLClient(on.CreateClient());
        var before = SearchSite.Ids((await graphql.DataAsync("{ search(query: \"infusion\", first: 50) { total items { contentItem { contentItemId } } } }"))["search"]!.AsObject());
        Assert.NotEmpty(before);
        await using (var off = new ClinicCmsApp(data: data, settings: new Dictionary<string, string> { ["ClinicCms:Search:Enabled"] = "false" }))
        {
            var unpublished = await off.InScopeAsync(sp => sp.GetRequiredService<ContentService>().UnpublishAsync(before[0], ContentUser.System));
            Assert.True(unpublished.Succeeded);
        }

        var after = SearchSite.Ids((await graphql.DataAsync("{ search(query: \"infusion\", first: 49) { total items { contentItem { contentItemId } } } }"))["search"]!.AsObject());

        Assert.DoesNotContain(before[0], after);
        Assert.Equal(before.Count - 1, after.Count);
    }
}
