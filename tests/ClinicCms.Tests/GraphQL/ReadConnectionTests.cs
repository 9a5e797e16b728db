using System.Data;
using System.Data.Common;
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

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_context_a_read_takes_after_its_scope_began_goes_back_to_the_pool_without_the_sessions_connection(bool postgres)
    {
        await using var app = new ClinicCmsApp(postgres: postgres);
        DbConnection? used = null;
        var counted = await app.InScopeAsync(async sp =>
        {
            // The session is made before the context it takes later, so the scope disposes the context first: the
            // session must end before the context is pooled, not after (a pooled context cannot be touched).
            var session = sp.GetRequiredService<ReadSession>();
            Assert.Equal(postgres, session.ReadPublishedRevision() is null);
            var db = await session.ContextAsync(CancellationToken.None);
            used = db.Database.GetDbConnection();
            return await db.ContentItems.CountAsync();
        });
        var next = await app.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ClinicCmsDbContext>().Database.GetDbConnection()));

        Assert.True(counted > 0);
        Assert.Equal(ConnectionState.Closed, next.State);
        if (postgres)
        {
            Assert.Equal(ConnectionState.Closed, used!.State); // the context's own, closed by the session's end
        }
        else
        {
            Assert.NotSame(used, next);
            Assert.Equal(ConnectionState.Open, used!.State); // borrowed, given back to the kept connections still open
        }
    }
}
