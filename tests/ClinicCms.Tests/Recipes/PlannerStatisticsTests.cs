using System.Text.Json.Nodes;
using ClinicCms.Content.Store;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Recipes;

/// <summary>
/// A bulk import leaves the query planner statistics behind, so lookups by path use the Path index, and on SQLite
/// has a larger page cache only while it runs.
/// </summary>
public sealed class PlannerStatisticsTests
{
    [Fact]
    public async Task A_recipe_of_500_items_or_more_refreshes_the_planner_statistics()
    {
        await using var site = await StoreSite.CreateAsync();
        await site.RunRecipeAsync(RepositoryFiles.ClinicRecipe);
        Assert.False(await AnalyzedAsync(site));
        var data = new JsonArray();
        for (var i = 0; i < 500; i++)
        {
            data.Add(new JsonObject
            {
                ["ContentItemId"] = $"bulkfaq{i:D19}",
                ["ContentType"] = "FAQ",
                ["Published"] = true,
                ["Latest"] = true,
                ["TitlePart"] = new JsonObject { ["Title"] = $"Bulk question {i}?" },
                ["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = i } },
            });
        }

        await site.RunRecipeTextAsync(new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = data }) }.ToJsonString(), "bulk.recipe.json");

        Assert.True(await AnalyzedAsync(site));
    }

    [Fact]
    public async Task A_recipe_run_widens_the_sqlite_page_cache_and_hands_the_connection_back_as_it_was()
    {
        await using var site = await StoreSite.CreateSqliteAsync(); // PostgreSQL sizes its buffers per server, not per connection
        var sizes = await site.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            await db.Database.OpenConnectionAsync(); // held open, so every read below is on this one connection
            var before = await CacheSizeAsync(db);
            long during;
            await using (await sp.GetRequiredService<ContentUnitOfWork>().RoomForBulkWriteAsync())
            {
                during = await CacheSizeAsync(db);
            }
            return (before, during, after: await CacheSizeAsync(db));
        });

        Assert.Equal(-262144, sizes.during);
        Assert.Equal(sizes.before, sizes.after);
        Assert.NotEqual(sizes.during, sizes.before);
    }

    private static async Task<long> CacheSizeAsync(ClinicCmsDbContext db)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA cache_size";
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static Task<bool> AnalyzedAsync(StoreSite site) => site.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClinicCmsDbContext>();
        if (db.Database.IsNpgsql())
        {
            return await db.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM pg_stat_user_tables WHERE relname = 'ContentItemVersions' AND last_analyze IS NOT NULL").SingleAsync() > 0;
        }
        // SQLite creates sqlite_stat1 at the first ANALYZE.
        return await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_master WHERE name = 'sqlite_stat1'").SingleAsync() > 0
            && await db.Database.SqlQueryRaw<int>("SELECT count(*) AS \"Value\" FROM sqlite_stat1 WHERE tbl = 'ContentItemVersions'").SingleAsync() > 0;
    });
}
