using System.Data;
using ClinicCms.Content.Store;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// A GraphQL request runs all its queries on one connection (on SQLite, an open one borrowed for the request). The
/// pooled context must leave with a closed connection of its own, and later reads must see later writes.
/// </summary>
public sealed class ReadConnectionTests : IAsyncLifetime
{
    private readonly ClinicCmsApp _app = new(settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false" });

    public ValueTask InitializeAsync()
    {
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task After_a_read_the_pooled_context_holds_a_closed_connection_and_the_next_read_sees_new_writes()
    {
        var graphql = new GraphQLClient(_app.CreateClient());
        var before = (await graphql.DataAsync("{ faqCount }"))["faqCount"]!.GetValue<int>();

        var states = await _app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var state = db.Database.GetDbConnection().State;
            var faq = await db.ContentItems.FirstAsync(r => r.ContentType == "FAQ" && r.Published);
            faq.Published = false; // an unpublish written outside GraphQL, on another connection
            await db.SaveChangesAsync();
            return state;
        });
        var after = (await graphql.DataAsync("{ faqCount }"))["faqCount"]!.GetValue<int>();

        Assert.Equal(ConnectionState.Closed, states);
        Assert.Equal(before - 1, after);
    }
}
