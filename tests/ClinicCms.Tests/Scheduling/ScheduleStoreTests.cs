using System.Text.Json.Nodes;
using ClinicCms.Content.Scheduling;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using ClinicCms.Recipes.Export;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Scheduling;

/// <summary>The parts in Orchard recipes, the due-time column they fill, and the scheduler's check as one indexed query.</summary>
public sealed class ScheduleStoreTests(ScheduleSite site) : IClassFixture<ScheduleSite>
{
    private const string EventId = "4clinicevent0000000000001";

    [Fact]
    public async Task An_Orchard_recipe_with_PublishLaterPart_and_ArchiveLaterPart_imports_and_exports_them_unchanged()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Scheduling", "Files", "publish-later.recipe.json");
        await site.App.RunRecipeAsync(file); // throws on any error

        var draft = await site.StoredAsync(EventId);
        Assert.Equal(new DateTime(2099, 3, 1, 8, 0, 0, DateTimeKind.Utc), ScheduleParts.PublishUtc(draft!));
        // The import filled the due-time column: the check finds the draft once its time has come, not before.
        Assert.DoesNotContain(await DueAsync(new DateTime(2099, 3, 1, 7, 59, 0, DateTimeKind.Utc)), d => d.ContentItemId == EventId);
        Assert.Contains(await DueAsync(new DateTime(2099, 3, 1, 8, 0, 0, DateTimeKind.Utc)), d => d.ContentItemId == EventId && !d.Published);

        var exported = await site.App.InScopeAsync(async sp =>
        {
            using var output = new MemoryStream();
            await sp.GetRequiredService<RecipeExporter>().ExportAsync(output, types: new HashSet<string> { "ClinicEvent" });
            return JsonNode.Parse(output.ToArray())!.AsObject();
        });
        var original = JsonNode.Parse(File.ReadAllText(file), documentOptions: new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip })!;
        var item = exported["steps"]!.AsArray().Where(s => s!["name"]!.GetValue<string>() == "Content")
            .SelectMany(s => s!["data"]!.AsArray()).Single(i => i!["ContentItemId"]!.GetValue<string>() == EventId)!;
        var source = original["steps"]![1]!["data"]![0]!;
        Assert.True(JsonNode.DeepEquals(source["PublishLaterPart"], item["PublishLaterPart"]), item.ToJsonString());
        Assert.True(JsonNode.DeepEquals(source["ArchiveLaterPart"], item["ArchiveLaterPart"]), item.ToJsonString());
        var type = exported["steps"]!.AsArray().Where(s => s!["name"]!.GetValue<string>() == "ContentDefinition")
            .SelectMany(s => s!["ContentTypes"]!.AsArray()).Single(t => t!["Name"]!.GetValue<string>() == "ClinicEvent")!;
        Assert.Equal(["TitlePart", "PublishLaterPart", "ArchiveLaterPart"],
            type["ContentTypePartDefinitionRecords"]!.AsArray().Select(p => p!["PartName"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_schedulers_check_is_one_query_that_uses_the_due_time_index()
    {
        // Many versions that are not scheduled (history), so that a planner that counts rows still prefers the index.
        var plan = await site.App.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var postgres = QueryPlans.IsPostgres(db);
            // Braces doubled: the text is a format string.
            await db.Database.ExecuteSqlRawAsync(postgres
                ? """
                  INSERT INTO "ContentItemVersions" ("ContentItemId", "ContentItemVersionId", "ContentType", "Latest", "Published", "Content", "ConcurrencyStamp")
                  SELECT 'planhistory' || i, 'planhistoryv' || i, 'FAQ', false, false, '{{}}'::jsonb, 'x' FROM generate_series(1, 5000) AS i;
                  ANALYZE "ContentItemVersions";
                  """
                : """
                  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 5000)
                  INSERT INTO "ContentItemVersions" ("ContentItemId", "ContentItemVersionId", "ContentType", "Latest", "Published", "Content", "ConcurrencyStamp")
                  SELECT 'planhistory' || i, 'planhistoryv' || i, 'FAQ', 0, 0, '{{}}', 'x' FROM n;
                  ANALYZE;
                  """);
            return await QueryPlans.ExplainAsync(db, DueVersions.Query(db, DateTime.UtcNow, 100));
        });

        TestContext.Current.TestOutputHelper?.WriteLine(plan); // quoted in bench/README.md
        Assert.Contains("IX_ContentItemVersions_ScheduledUtc", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("Seq Scan", plan, StringComparison.Ordinal); // PostgreSQL reading the whole table
        Assert.DoesNotMatch(@"SCAN ""?ContentItemVersions""?\s*$", plan); // SQLite reading the whole table
        Assert.DoesNotContain("TEMP B-TREE", plan, StringComparison.Ordinal); // ordered by the index, not sorted afterwards
    }

    private Task<IReadOnlyList<DueVersion>> DueAsync(DateTime now) =>
        site.App.InScopeAsync(sp => sp.GetRequiredService<DueVersions>().ListAsync(now, 1000));
}
