using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Reading.Published;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// The contract every content reader passes: one site (the clinic recipe with fixed dates, plus articles whose titles
/// order differently by UTF-16 code unit, by culture and by UTF-8 byte, missing values, equal dates and orders)
/// answers every query of <see cref="PublishedIndexTests.Queries"/> with the very JSON that SQL on SQLite gave,
/// recorded in reader-contract.json. The published index must answer from memory, sending no SQL but for the one
/// query it leaves to SQL by design. After an intended change: CLINICCMS_UPDATE_SNAPSHOTS=1 dotnet test, then commit.
/// </summary>
public abstract class ReaderContractTests(ReaderContractTests.ContractSite site)
{
    private static string RecordedPath => Path.Combine(RepositoryFiles.Root, "tests", "ClinicCms.Tests", "GraphQL", "reader-contract.json");

    [Fact]
    public async Task Every_query_is_answered_as_sql_on_sqlite_answered_it()
    {
        var app = await site.AppAsync();
        var graphql = new GraphQLClient(app.CreateClient());
        using var held = site.Counter.HoldClock();
        if (site.Indexed)
        {
            foreach (var query in PublishedIndexTests.Queries)
            {
                await graphql.DataAsync(query); // asks for the fields queried, and keeps the parts of the items read
            }
            await app.Services.GetRequiredService<PublishedIndex>().RefreshAsync();
        }
        site.Counter.Reset();

        var answers = new JsonObject();
        foreach (var query in PublishedIndexTests.Queries)
        {
            answers[query] = (await graphql.DataAsync(query)).DeepClone();
        }

        if (site.Configuration == ReaderConfiguration.SqlSqlite && Environment.GetEnvironmentVariable("CLINICCMS_UPDATE_SNAPSHOTS") == "1")
        {
            await File.WriteAllTextAsync(RecordedPath, answers.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n");
        }
        Assert.True(File.Exists(RecordedPath), "reader-contract.json is missing; run the tests once with CLINICCMS_UPDATE_SNAPSHOTS=1");
        var recorded = JsonNode.Parse(await File.ReadAllTextAsync(RecordedPath))!.AsObject();
        Assert.Equal(PublishedIndexTests.Queries, recorded.Select(r => r.Key));
        foreach (var query in PublishedIndexTests.Queries)
        {
            Assert.True(recorded[query]!.ToJsonString() == answers[query]!.ToJsonString(),
                $"{site.Configuration} answered {query}\nwith {answers[query]!.ToJsonString()}\nnot {recorded[query]!.ToJsonString()}");
        }
        if (site.Indexed)
        {
            // Only the one query that goes to SQL by design (displayText_contains) may reach it.
            Assert.All(site.Counter.Commands, sql => Assert.Contains("LIKE", sql, StringComparison.Ordinal));
            Assert.Single(site.Counter.Commands);
        }
    }

    /// <summary>The contract's site on one reader configuration, with every response read anew (no response cache).</summary>
    public abstract class ContractSite(ReaderConfiguration configuration) : ReaderSite(configuration, SetupRecipe.Value)
    {
        // Written once per test run: the clinic recipe with fixed dates, beside the file its article includes.
        private static readonly Lazy<string> SetupRecipe = new(WriteSetupRecipe);

        public SqlCommandCounter Counter { get; } = new();

        protected override IDictionary<string, string> Settings => new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false" };

        protected override void ConfigureServices(IServiceCollection services) => Counter.CountIn(services);

        protected override Task SeedAsync(ClinicCmsApp app) => app.RunRecipeTextAsync(PublishedIndexTests.Recipe().ToJsonString(), "contract.recipe.json");

        // The setup recipe stamps its items with the time of the run; a recorded answer needs the same dates on every run.
        private static string WriteSetupRecipe()
        {
            var folder = Path.Combine(AppContext.BaseDirectory, "reader-contract");
            Directory.CreateDirectory(Path.Combine(folder, "clinic"));
            foreach (var file in Directory.GetFiles(Path.Combine(RepositoryFiles.Root, "recipes", "clinic")))
            {
                File.Copy(file, Path.Combine(folder, "clinic", Path.GetFileName(file)), overwrite: true);
            }
            var recipe = JsonNode.Parse(File.ReadAllText(RepositoryFiles.ClinicRecipe))!;
            var minute = 0;
            foreach (var step in recipe["steps"]!.AsArray().Where(s => (string?)s!["name"] == "content"))
            {
                foreach (var item in step!["data"]!.AsArray())
                {
                    var date = new DateTime(2026, 2, 1, 9, minute++, 0, DateTimeKind.Utc).ToString("O", System.Globalization.CultureInfo.InvariantCulture);
                    item!["CreatedUtc"] = date;
                    item["ModifiedUtc"] = date;
                    item["PublishedUtc"] = date;
                }
            }
            var path = Path.Combine(folder, "clinic.recipe.json");
            File.WriteAllText(path, recipe.ToJsonString());
            return path;
        }
    }
}

public sealed class IndexedSqliteReaderContractTests(IndexedSqliteReaderContractTests.Site site) : ReaderContractTests(site), IClassFixture<IndexedSqliteReaderContractTests.Site>
{
    public sealed class Site() : ContractSite(ReaderConfiguration.IndexedSqlite);
}

public sealed class SqlSqliteReaderContractTests(SqlSqliteReaderContractTests.Site site) : ReaderContractTests(site), IClassFixture<SqlSqliteReaderContractTests.Site>
{
    public sealed class Site() : ContractSite(ReaderConfiguration.SqlSqlite);
}

public sealed class PostgresReaderContractTests(PostgresReaderContractTests.Site site) : ReaderContractTests(site), IClassFixture<PostgresReaderContractTests.Site>
{
    public sealed class Site() : ContractSite(ReaderConfiguration.Postgres);
}

public sealed class IndexedPostgresReaderContractTests(IndexedPostgresReaderContractTests.Site site) : ReaderContractTests(site), IClassFixture<IndexedPostgresReaderContractTests.Site>
{
    public sealed class Site() : ContractSite(ReaderConfiguration.IndexedPostgres);
}
