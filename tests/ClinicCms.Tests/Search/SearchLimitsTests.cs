using System.Net;
using System.Net.Http.Json;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using static ClinicCms.Tests.Search.SearchSite;

namespace ClinicCms.Tests.Search;

/// <summary>
/// The search site with a one-second search bound and a small anonymous search budget; on PostgreSQL when one is
/// configured, since the bound is PostgreSQL's.
/// </summary>
public sealed class SearchLimitsSite : IAsyncLifetime
{
    public const int Budget = 3;

    public SearchSite Site { get; } = new(ServiceRequirement.HasPostgres ? true : null, new Dictionary<string, string>
    {
        ["ClinicCms:Search:TimeoutSeconds"] = "1",
        ["ClinicCms:Security:Search:PermitLimit"] = $"{Budget}",
        ["ClinicCms:Security:Search:WindowSeconds"] = "3600",
    });

    public ValueTask InitializeAsync() => Site.InitializeAsync();

    public ValueTask DisposeAsync() => Site.DisposeAsync();
}

public sealed class SearchLimitsTests(SearchLimitsSite limits) : IClassFixture<SearchLimitsSite>
{
    private static readonly string[] Words = ["infusion", "ketamine", "blood"];

    private SearchSite Site => limits.Site;

    [Fact]
    public async Task A_search_past_the_time_limit_is_stopped_by_the_server_and_answered_with_an_error_saying_so()
    {
        if (!ServiceRequirement.HasPostgres)
        {
            ServiceRequirement.Missing(ServiceRequirement.PostgresName);
            return;
        }
        var admin = await Site.AdminAsync(); // signed in, so outside the anonymous search budget
        var connectionString = await Site.App.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<IConfiguration>().GetConnectionString("ClinicCms")!));
        await using var holder = new NpgsqlConnection(connectionString);
        await holder.OpenAsync();

        // A lock held on the index keeps the search waiting in the server, as a costly ranking keeps it working.
        await using (var transaction = await holder.BeginTransactionAsync())
        {
            await using (var hold = new NpgsqlCommand("LOCK TABLE \"SearchDocuments\" IN ACCESS EXCLUSIVE MODE", holder, transaction))
            {
                await hold.ExecuteNonQueryAsync();
            }
            var (status, body) = await admin.PostAsync("{ search(query: \"infusion\") { total } }");
            await using var waiting = new NpgsqlCommand(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND (wait_event_type = 'Lock' OR (state = 'active' AND query LIKE '%websearch_to_tsquery%'))",
                holder, transaction);
            var stillRunning = (long)(await waiting.ExecuteScalarAsync())!;

            Assert.Equal(HttpStatusCode.BadRequest, status);
            var error = body["errors"]![0]!;
            Assert.Equal("The search took longer than 1 s; use fewer or more specific words.", error["message"]!.GetValue<string>());
            Assert.Equal("SEARCH_TIMEOUT", error["extensions"]!["code"]!.GetValue<string>());
            Assert.Equal(0, stillRunning); // the server stopped the statement; it is not left waiting or working
            await transaction.RollbackAsync();
        }

        var after = await SearchAsync(admin, "infusion"); // the connection the timeout hit serves the next search
        Assert.Equal(3, after["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Anonymous_searches_past_the_budget_get_a_429_with_Retry_After_and_other_reads_and_signed_in_callers_go_on()
    {
        using var http = Site.App.CreateClient();
        // Different words each time: an answer from the response cache runs no search and costs nothing.
        foreach (var words in Words.Take(SearchLimitsSite.Budget))
        {
            using var allowed = await http.PostAsJsonAsync("/api/graphql", new { query = $"{{ search(query: \"{words}\") {{ total }} }}" });
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await http.PostAsJsonAsync("/api/graphql", new { query = "{ search(query: \"zebra\") { total } }" });
        var body = await GraphQLClient.Parse(refused);
        var list = await Site.Anonymous().DataAsync("{ page { displayText } }");
        var admin = await SearchAsync(await Site.AdminAsync(), "zebra");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = int.Parse(refused.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 3600);
        Assert.Contains("Too many searches", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("TOO_MANY_REQUESTS", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Null(body["data"]?["search"]?["total"]);
        Assert.NotEmpty(list["page"]!.AsArray());
        Assert.NotEqual(0, admin["total"]!.GetValue<int>());
    }
}
