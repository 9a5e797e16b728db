using System.Text.Json.Nodes;
using ClinicCms.Content.Store;
using ClinicCms.Recipes;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Recipes;

/// <summary>
/// Orchard's import rules for versions, through the bulk insert path: a newer version demotes the older
/// ones as it arrives, in one recipe or across recipes, and a known version is updated in place or left alone.
/// </summary>
public sealed class ImportVersionTests : IAsyncLifetime
{
    private const string ItemId = "importversionfaq000001";
    private static readonly Dictionary<string, string> Categories = new() { ["v1"] = "general", ["v2"] = "maintenance", ["v3"] = "safety-and-regulation" };
    private readonly ClinicCmsApp _app = new();

    public ValueTask InitializeAsync()
    {
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task A_draft_after_a_published_version_in_one_recipe_keeps_both_and_only_the_draft_is_latest()
    {
        var report = await RunAsync(Version("v1", "First answer", published: true), Version("v2", "Draft answer", published: false));

        Assert.Equal(2, report.ItemsCreated);
        Assert.Equal(
            [("v1", false, true, "First answer?"), ("v2", true, false, "Draft answer?")],
            await VersionsAsync());
    }

    [Fact]
    public async Task A_new_published_version_demotes_the_published_one_and_evicts_the_draft()
    {
        await RunAsync(Version("v1", "First answer", published: true), Version("v2", "Draft answer", published: false));

        await RunAsync(Version("v3", "Second answer", published: true));

        Assert.Equal(
            [("v1", false, false, "First answer?"), ("v2", false, false, "Draft answer?"), ("v3", true, true, "Second answer?")],
            await VersionsAsync());
        var v3Categories = await _app.InScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var v3 = db.ContentItems.Where(r => r.ContentItemVersionId == ItemId + "v3").Select(r => r.Id);
            return db.FieldIndex.Where(f => v3.Contains(f.VersionRowId) && f.ContentField == "Category").Select(f => f.Text).ToListAsync();
        });
        Assert.Equal(["safety-and-regulation"], v3Categories); // the field rows point at the row they were inserted with
    }

    [Fact]
    public async Task A_known_version_is_left_alone_when_equal_and_updated_in_place_when_not()
    {
        await RunAsync(Version("v1", "First answer", published: true));

        var again = await RunAsync(Version("v1", "First answer", published: true));
        var changed = await RunAsync(Version("v1", "Changed answer", published: true));

        Assert.Equal((0, 0, 1), (again.ItemsCreated, again.ItemsUpdated, again.ItemsUnchanged));
        Assert.Equal((0, 1, 0), (changed.ItemsCreated, changed.ItemsUpdated, changed.ItemsUnchanged));
        Assert.Equal([("v1", true, true, "Changed answer?")], await VersionsAsync());
    }

    [Fact]
    public async Task A_version_an_earlier_step_of_the_recipe_wrote_is_updated_not_added_again()
    {
        // Both steps are planned before either writes: the second step's item is new when planned and stored when applied.
        var recipe = new JsonObject
        {
            ["steps"] = new JsonArray(
                new JsonObject { ["name"] = "content", ["data"] = new JsonArray(Version("v1", "First answer", published: true)) },
                new JsonObject { ["name"] = "content", ["data"] = new JsonArray(Version("v1", "Retitled answer", published: true)) }),
        };

        var report = await _app.RunRecipeTextAsync(recipe.ToJsonString(), "two-steps.recipe.json");

        Assert.Equal((1, 1, 0), (report.ItemsCreated, report.ItemsUpdated, report.ItemsUnchanged));
        Assert.Equal([("v1", true, true, "Retitled answer?")], await VersionsAsync());
    }

    [Fact]
    public async Task A_version_id_of_another_item_is_refused_and_that_item_is_left_as_it_was()
    {
        await RunAsync(Version("v1", "First answer", published: true));
        var intruder = Version("v2", "Taken over", published: true);
        intruder["ContentItemId"] = "importversionintruder01";
        intruder["ContentItemVersionId"] = ItemId + "v1";

        var error = await Assert.ThrowsAnyAsync<Exception>(() => RunAsync(intruder));

        Assert.Contains("is a version of another item", error.Message, StringComparison.Ordinal);
        Assert.Equal([("v1", true, true, "First answer?")], await VersionsAsync());
    }

    [Fact]
    public async Task Field_rows_of_a_large_import_point_at_their_own_versions()
    {
        // More than one flush of versions, and field rows (two per item) over several insert batches: keys must come back in order.
        var items = Enumerable.Range(1, 1200).Select(i => new JsonObject
        {
            ["ContentItemId"] = $"bulkorderfaq{i:D10}",
            ["ContentItemVersionId"] = $"bulkorderfaq{i:D10}v",
            ["ContentType"] = "FAQ",
            ["Latest"] = true,
            ["Published"] = true,
            ["TitlePart"] = new JsonObject { ["Title"] = $"Question {i}?" },
            ["FAQ"] = new JsonObject
            {
                ["Category"] = new JsonObject { ["Text"] = "general" },
                ["Order"] = new JsonObject { ["Value"] = i },
            },
        }).ToArray();

        var report = await RunAsync(items);

        Assert.Equal(1200, report.ItemsCreated);
        var orders = await _app.InScopeAsync(sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            return (from row in db.ContentItems
                    join field in db.FieldIndex on row.Id equals field.VersionRowId
                    where row.ContentItemId.StartsWith("bulkorderfaq") && field.ContentField == "Order"
                    select new { row.ContentItemId, field.Numeric }).ToListAsync();
        });
        Assert.Equal(1200, orders.Count);
        Assert.All(orders, o => Assert.Equal(int.Parse(o.ContentItemId["bulkorderfaq".Length..], System.Globalization.CultureInfo.InvariantCulture), (int)o.Numeric!.Value));
    }

    [Fact]
    public async Task An_import_never_gives_a_new_row_the_key_of_a_deleted_one()
    {
        // Keys are taken before the rows are written: they must follow the largest key the table ever had, not the largest it has now.
        await RunAsync(Version("v1", "First answer", published: true));
        var (deletedRow, deletedField) = await _app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var row = await db.ContentItems.Where(r => r.ContentItemId == ItemId).Select(r => r.Id).SingleAsync();
            var field = await db.FieldIndex.Where(f => f.VersionRowId == row).MaxAsync(f => f.Id);
            await db.ContentItems.Where(r => r.Id == row).ExecuteDeleteAsync(); // its field rows go with it
            return (row, field);
        });

        await RunAsync(Version("v2", "Draft answer", published: false));

        var (row, fields) = await _app.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var id = await db.ContentItems.Where(r => r.ContentItemVersionId == ItemId + "v2").Select(r => r.Id).SingleAsync();
            return (id, await db.FieldIndex.Where(f => f.VersionRowId == id).Select(f => f.Id).ToListAsync());
        });
        Assert.True(row > deletedRow, $"version row key {row} after deleted {deletedRow}");
        Assert.NotEmpty(fields);
        Assert.All(fields, f => Assert.True(f > deletedField, $"field row key {f} after deleted {deletedField}"));
    }

    private static JsonObject Version(string version, string title, bool published) => new()
    {
        ["ContentItemId"] = ItemId,
        ["ContentItemVersionId"] = ItemId + version,
        ["ContentType"] = "FAQ",
        ["Latest"] = true,
        ["Published"] = published,
        ["TitlePart"] = new JsonObject { ["Title"] = title + "?" },
        ["FAQ"] = new JsonObject
        {
            ["Category"] = new JsonObject { ["Text"] = Categories[version] },
            ["Order"] = new JsonObject { ["Value"] = 1 },
        },
    };

    private Task<RecipeReport> RunAsync(params JsonObject[] items)
    {
        var recipe = new JsonObject { ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = new JsonArray(items) }) };
        return _app.RunRecipeTextAsync(recipe.ToJsonString(), "versions.recipe.json");
    }

    private Task<List<(string Version, bool Latest, bool Published, string? Title)>> VersionsAsync() =>
        _app.InScopeAsync(async sp => (await sp.GetRequiredService<ClinicCmsDbContext>().ContentItems.AsNoTracking()
                .Where(r => r.ContentItemId == ItemId).OrderBy(r => r.ContentItemVersionId).ToListAsync())
            .Select(r => (r.ContentItemVersionId[ItemId.Length..], r.Latest, r.Published, r.DisplayText)).ToList());
}
