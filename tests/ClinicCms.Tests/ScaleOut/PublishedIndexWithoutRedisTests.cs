using ClinicCms.Content.Reading.Published;
using ClinicCms.Content.Store;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClinicCms.Tests.ScaleOut;

/// <summary>
/// An instance on PostgreSQL without Redis hears of no other writer, so it reads the published revision on every
/// request: a write made beside it (another instance, a hand-run UPDATE) shows in its very next read.
/// </summary>
public sealed class PublishedIndexWithoutRedisTests
{
    private static readonly string Query = $$"""{ contentItem(contentItemId: "{{ClinicIds.Article}}") { displayText } }""";

    [Fact]
    public async Task A_write_made_beside_the_instance_shows_in_its_next_read_then_is_answered_from_memory()
    {
        ServiceRequirement.Postgres();
        var counter = new SqlCommandCounter();
        await using var app = new ClinicCmsApp(services: counter.CountIn, settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false" }, postgres: true);
        var graphql = new GraphQLClient(app.CreateClient());
        var before = await IndexedAnswerAsync(app, graphql, counter);

        var connectionString = await app.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ClinicCmsDbContext>().Database.GetConnectionString()!));
        await using (var other = new NpgsqlConnection(connectionString))
        {
            await other.OpenAsync();
            await using var update = new NpgsqlCommand("""UPDATE "ContentItemVersions" SET "DisplayText" = 'changed beside it' WHERE "ContentItemId" = @id AND "Published" """, other);
            update.Parameters.AddWithValue("id", ClinicIds.Article);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }
        var next = await graphql.DataAsync(Query);

        Assert.NotEqual("changed beside it", before["contentItem"]!["displayText"]!.GetValue<string>());
        Assert.Equal("changed beside it", next["contentItem"]!["displayText"]!.GetValue<string>());
        Assert.Equal(next.ToJsonString(), (await IndexedAnswerAsync(app, graphql, counter)).ToJsonString());
    }

    // The answer once the index is current: read anew, then answered with no SQL at all. The clock is held so that
    // the caches checked by the first read are not due for another check in the counted one on a slow machine.
    private static async Task<System.Text.Json.Nodes.JsonNode> IndexedAnswerAsync(ClinicCmsApp app, GraphQLClient graphql, SqlCommandCounter counter)
    {
        using var held = counter.HoldClock();
        await graphql.DataAsync(Query); // keeps the parts of the item read
        await app.Services.GetRequiredService<PublishedIndex>().RefreshAsync();
        counter.Reset();
        var answer = await graphql.DataAsync(Query);
        Assert.Empty(counter.Commands);
        return answer;
    }
}
