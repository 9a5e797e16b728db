using System.Net;
using System.Text.Json.Nodes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Search;
using ClinicCms.Content.Store;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using static ClinicCms.Tests.Search.SearchSite;

namespace ClinicCms.Tests.Search;

/// <summary>The site of Files/search-settings.recipe.json, shared by the class; on the test run's database.</summary>
public sealed class SearchSettingsSite : IAsyncLifetime
{
    public ClinicCmsApp App { get; } = new(setupRecipe: Path.Combine(AppContext.BaseDirectory, "Search", "Files", "search-settings.recipe.json"));

    public async ValueTask InitializeAsync()
    {
        using var client = App.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/")).StatusCode);
    }

    public async Task<GraphQLClient> SignedInAsync(string user, string password) => new(await new SecuredSite(App).SignedInAsync(user, password));

    public Task<GraphQLClient> AdminAsync() => SignedInAsync("admin", ClinicCmsApp.AdminPassword);

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Per-type search settings (weights, fields and types left out), what changing them does, owner scopes and <c>index rebuild</c>.</summary>
public sealed class SearchSettingsTests(SearchSettingsSite site) : IClassFixture<SearchSettingsSite>
{
    private const string SummaryMatch = "4ssl000000000000000summary";
    private const string BodyMatch = "4ssl000000000000000000body";

    [Fact]
    public async Task Raising_a_fields_weight_in_the_settings_reorders_the_results_at_once()
    {
        var admin = await site.AdminAsync();
        var before = Ids(await SearchAsync(admin, "aspirin", ", contentTypes: [\"Leaflet\"]"));

        await SetWeightAsync("Leaflet.Summary", "High");
        var raised = Ids(await SearchAsync(admin, "aspirin", ", contentTypes: [\"Leaflet\"]"));
        await SetWeightAsync("Leaflet.Summary", "Low");
        var lowered = Ids(await SearchAsync(admin, "aspirin", ", contentTypes: [\"Leaflet\"]"));

        Assert.Equal([BodyMatch, SummaryMatch], before); // the summary is Low, the body Normal
        Assert.Equal([SummaryMatch, BodyMatch], raised); // the settings' save rebuilt the type in its own transaction
        Assert.Equal(before, lowered);
    }

    [Fact]
    public async Task A_field_weighted_Off_and_a_Disabled_type_are_left_out_of_search()
    {
        var admin = await site.AdminAsync();
        var hidden = await SearchAsync(admin, "zymurgy");
        var visible = Ids(await SearchAsync(admin, "visible"));
        var aspirin = Ids(await SearchAsync(admin, "aspirin"));
        var named = await SearchAsync(admin, "aspirin", ", contentTypes: [\"Memo\"]");

        Assert.Equal(0, hidden["total"]!.GetValue<int>()); // only in Leaflet.Hidden (Off) and in the Disabled Memo
        Assert.Equal(["4ssl0000000000000000hidden"], visible);
        Assert.DoesNotContain("4ssm000000000000000000memo", aspirin);
        Assert.Equal(0, named["total"]!.GetValue<int>()); // named, the Disabled type finds nothing
    }

    [Fact]
    public async Task An_author_who_may_view_only_own_items_finds_only_those()
    {
        var author = await site.SignedInAsync("author", "Author-password-1");
        var admin = await site.AdminAsync();

        var own = Ids(await SearchAsync(author, "kestrel"));
        var named = Ids(await SearchAsync(author, "kestrel", ", contentTypes: [\"Story\"]"));
        var ownLatest = Ids(await SearchAsync(author, "kestrel", ", status: LATEST"));
        var everyone = Ids(await SearchAsync(admin, "kestrel"));

        Assert.Equal(["4sss00000000000000000mine1"], own);
        Assert.Equal(own, named);
        Assert.Equal(["4sss00000000000000000mine1", "4sss00000000000000000mine2"], ownLatest.Order(StringComparer.Ordinal));
        Assert.Equal(["4sss00000000000000000mine1", "4sss0000000000000000theirs"], everyone.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Index_rebuild_on_the_command_line_refills_an_emptied_type_and_prints_the_counts()
    {
        await site.App.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            if (db.Database.IsSqlite())
            {
                await sp.GetRequiredService<SearchSnapshotIndex>().RefreshAsync(); // the copy in memory exists before the delete
            }
            await using var transaction = await db.Database.BeginTransactionAsync();
            if (db.Database.IsSqlite())
            {
                await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SearchText\" WHERE rowid IN (SELECT \"Id\" FROM \"SearchDocuments\" WHERE \"ContentType\" = 'Story')");
            }
            var deleted = await db.Database.ExecuteSqlRawAsync("DELETE FROM \"SearchDocuments\" WHERE \"ContentType\" = 'Story'");
            if (db.Database.IsSqlite())
            {
                // Every writer of the search tables moves the revision, or an in-memory copy keeps answering.
                await db.Database.ExecuteSqlRawAsync("UPDATE \"SearchRevision\" SET \"Revision\" = \"Revision\" + 1");
            }
            await transaction.CommitAsync();
            return deleted;
        });
        var admin = await site.AdminAsync();
        // Spelled apart from the other tests' searches, so that no cached answer is reused.
        var emptied = await SearchAsync(admin, "KESTREL");

        var (exitCode, output, error) = await IndexRebuildAsync();
        var refilled = Ids(await SearchAsync(admin, "Kestrel"));

        Assert.Equal(0, emptied["total"]!.GetValue<int>());
        Assert.True(exitCode == 0, error);
        Assert.Contains("Story: 3 versions indexed", output, StringComparison.Ordinal); // two published, one draft
        Assert.Contains("Leaflet: 3 versions indexed", output, StringComparison.Ordinal);
        Assert.Contains("Memo: 0 versions indexed", output, StringComparison.Ordinal); // Disabled
        Assert.Contains("Rebuilt the search index: 6 versions of 3 content types.", output, StringComparison.Ordinal);
        Assert.Equal(["4sss00000000000000000mine1", "4sss0000000000000000theirs"], refilled.Order(StringComparer.Ordinal));
    }

    private async Task SetWeightAsync(string text, string weight) => await site.App.InScopeAsync(async sp =>
    {
        var store = sp.GetRequiredService<ContentDefinitionStore>();
        var definitions = (await store.GetAsync()).Copy();
        var type = definitions.FindType("Leaflet")!;
        type.Settings["SearchSettings"]!["Weights"]![text] = weight;
        return await store.SaveAsync(definitions);
    });

    /// <summary><c>index rebuild</c> as its own process on the built app, on the site's data folder and database.</summary>
    private Task<(int ExitCode, string Output, string Error)> IndexRebuildAsync()
    {
        var configuration = site.App.Services.GetRequiredService<IConfiguration>();
        return CommandProcess.RunAsync(site.App.Data.Path, new Dictionary<string, string?>
        {
            ["ClinicCms__AppDataPath"] = site.App.Data.Path,
            ["ClinicCms__Database__Provider"] = configuration["ClinicCms:Database:Provider"] ?? "Sqlite",
            ["ConnectionStrings__ClinicCms"] = configuration.GetConnectionString("ClinicCms"),
        }, "index", "rebuild");
    }
}
