using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using ClinicCms.Content;
using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Reading.Published;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClinicCms.Tests.ScaleOut;

/// <summary>
/// The published index on PostgreSQL with two instances: a trigger moves the published revision in every writer's
/// transaction, and B learns of A's writes over Redis. Once B has heard of a write, its very next read shows it; a
/// write nobody announces (another process without Redis) shows within the revision check interval; and between
/// writes B answers from memory, sending no SQL.
/// </summary>
public sealed class PublishedIndexScaleOutTests(PublishedIndexScaleOutTests.Site site) : IClassFixture<PublishedIndexScaleOutTests.Site>
{
    private const string Query = """{ faq(where: { category: "general" }, orderBy: { order: ASC }) { displayText } faqCount(where: { category: "general" }) }""";

    [Fact]
    public async Task Once_B_has_heard_of_a_publish_on_A_its_next_index_backed_read_shows_it()
    {
        site.Cluster.Require();
        var graphqlOnB = new GraphQLClient(ScaleOutCluster.Client(site.Cluster.B));
        var before = await IndexedAnswerOnBAsync(graphqlOnB);
        var question = $"Is parking free? {Guid.NewGuid():N}";
        site.Heard.Clear();

        var created = await site.Cluster.A.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(Faq(question), publish: true, ContentUser.System));
        Assert.Empty(created.Errors);
        Assert.True(await site.HeardAsync(created.Item!.ContentItemId), "B was not told of the publish on A over Redis.");
        var after = await graphqlOnB.DataAsync(Query);

        Assert.Equal(before["faqCount"]!.GetValue<int>() + 1, after["faqCount"]!.GetValue<int>());
        Assert.Contains(after["faq"]!.AsArray(), f => f!["displayText"]!.GetValue<string>() == question);
        Assert.Equal(after.ToJsonString(), (await IndexedAnswerOnBAsync(graphqlOnB)).ToJsonString());
    }

    [Fact]
    public async Task A_write_nobody_announces_is_seen_by_B_within_the_check_interval_and_then_answered_from_memory()
    {
        site.Cluster.Require();
        var graphqlOnB = new GraphQLClient(ScaleOutCluster.Client(site.Cluster.B));
        var question = $"Is parking covered? {Guid.NewGuid():N}";
        site.Heard.Clear();
        var created = await site.Cluster.A.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(Faq(question), publish: true, ContentUser.System));
        Assert.Empty(created.Errors);
        Assert.True(await site.HeardAsync(created.Item!.ContentItemId), "B was not told of the publish on A over Redis.");
        await IndexedAnswerOnBAsync(graphqlOnB); // until B has heard, it rightly reads through SQL
        var revision = await RevisionAsync();

        await using (var other = new NpgsqlConnection(site.Cluster.DatabaseConnectionString))
        {
            await other.OpenAsync();
            await using var update = new NpgsqlCommand("""UPDATE "ContentItemVersions" SET "DisplayText" = 'changed elsewhere' WHERE "ContentItemId" = @id AND "Published" """, other);
            update.Parameters.AddWithValue("id", created.Item!.ContentItemId);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        Assert.Equal(revision + 1, await RevisionAsync());
        var clock = Stopwatch.StartNew();
        var seen = false;
        while (!seen && clock.Elapsed < PublishedRevisionWatch.CheckInterval * 5)
        {
            seen = (await graphqlOnB.DataAsync(Query))["faq"]!.AsArray().Any(f => f!["displayText"]!.GetValue<string>() == "changed elsewhere");
            await Task.Delay(50);
        }
        Assert.True(seen, "B did not see a write made beside it after the revision check interval.");
        var answer = await IndexedAnswerOnBAsync(graphqlOnB);
        Assert.Contains(answer["faq"]!.AsArray(), f => f!["displayText"]!.GetValue<string>() == "changed elsewhere");
    }

    [Fact]
    public async Task The_revision_moves_once_per_transaction_that_writes_published_rows_and_not_for_drafts()
    {
        site.Cluster.Require();
        await using var connection = new NpgsqlConnection(site.Cluster.DatabaseConnectionString);
        await connection.OpenAsync();
        var revision = await RevisionAsync();

        await using (var transaction = await connection.BeginTransactionAsync())
        {
            await using var touch = new NpgsqlCommand("""UPDATE "ContentItemVersions" SET "ModifiedUtc" = "ModifiedUtc" WHERE "Published" """, connection, transaction);
            Assert.True(await touch.ExecuteNonQueryAsync() > 1);
            await using var again = new NpgsqlCommand("""UPDATE "ContentItemVersions" SET "ModifiedUtc" = "ModifiedUtc" WHERE "Published" """, connection, transaction);
            await again.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
        Assert.Equal(revision + 1, await RevisionAsync());

        await using (var drafts = new NpgsqlCommand("""UPDATE "ContentItemVersions" SET "ModifiedUtc" = "ModifiedUtc" WHERE NOT "Published" """, connection))
        {
            await drafts.ExecuteNonQueryAsync();
        }
        Assert.Equal(revision + 1, await RevisionAsync());

        await using (var rolledBack = await connection.BeginTransactionAsync())
        {
            await using var touch = new NpgsqlCommand("""UPDATE "ContentItemVersions" SET "ModifiedUtc" = "ModifiedUtc" WHERE "Published" """, connection, rolledBack);
            await touch.ExecuteNonQueryAsync();
            await rolledBack.RollbackAsync();
        }
        Assert.Equal(revision + 1, await RevisionAsync());
    }

    /// <summary>B's answer from its published index once it is current: the index read anew, then no SQL at all.</summary>
    private async Task<JsonNode> IndexedAnswerOnBAsync(GraphQLClient graphqlOnB)
    {
        await graphqlOnB.DataAsync(Query); // asks for the fields queried, and keeps the parts of the items read
        await site.Cluster.B.Services.GetRequiredService<PublishedIndex>().RefreshAsync();
        // B may still trust a revision from before another test's unannounced write: SQL answers until its next check.
        var clock = Stopwatch.StartNew();
        JsonNode answer;
        do
        {
            site.Counter.Reset();
            answer = await graphqlOnB.DataAsync(Query);
        }
        while (!site.Counter.Commands.IsEmpty && clock.Elapsed < PublishedRevisionWatch.CheckInterval * 3);
        Assert.Empty(site.Counter.Commands);
        return answer;
    }

    private async Task<long> RevisionAsync()
    {
        await using var connection = new NpgsqlConnection(site.Cluster.DatabaseConnectionString);
        await connection.OpenAsync();
        await using var read = new NpgsqlCommand("""SELECT "Revision" FROM "PublishedRevision" """, connection);
        return (long)(await read.ExecuteScalarAsync())!;
    }

    private static ContentItem Faq(string question)
    {
        var faq = ContentService.New("FAQ");
        faq.GetOrCreatePart("TitlePart")["Title"] = question;
        faq.GetOrCreatePart("FAQ")["Category"] = new JsonObject { ["Text"] = "general" };
        faq.GetOrCreatePart("FAQ")["Order"] = new JsonObject { ["Value"] = 1 };
        faq.GetOrCreatePart("FAQ")["Answer"] = new JsonObject { ["Markdown"] = "An answer." };
        return faq;
    }

    /// <summary>The cluster, anonymous reads without the response cache, B's SQL counted and the changes B hears from A recorded.</summary>
    public sealed class Site : IAsyncLifetime
    {
        public Site()
        {
            Cluster = new ScaleOutCluster
            {
                AccessRecipe = false,
                Settings = new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false" },
                ServicesOfB = services =>
                {
                    Counter.CountIn(services);
                    services.AddSingleton(Heard);
                    services.AddContentChangeListener<HeardFromOthers>();
                },
            };
        }

        public ScaleOutCluster Cluster { get; }

        public SqlCommandCounter Counter { get; } = new();

        public ConcurrentDictionary<string, bool> Heard { get; } = new();

        public async Task<bool> HeardAsync(string contentItemId)
        {
            var clock = Stopwatch.StartNew();
            while (!Heard.ContainsKey(contentItemId) && clock.Elapsed < TimeSpan.FromSeconds(10))
            {
                await Task.Delay(10);
            }
            return Heard.ContainsKey(contentItemId);
        }

        public ValueTask InitializeAsync() => Cluster.InitializeAsync();

        public ValueTask DisposeAsync() => Cluster.DisposeAsync();
    }

    /// <summary>Records the items of changes another instance announced; listeners run in registration order, so the reader's watch has heard first.</summary>
    private sealed class HeardFromOthers(ConcurrentDictionary<string, bool> heard) : IContentChangeListener
    {
        public void OnChanged(IReadOnlyList<ContentChange> changes, bool local)
        {
            foreach (var change in changes.Where(c => !local && c.ContentItemId is not null))
            {
                heard[change.ContentItemId!] = true;
            }
        }
    }
}
