using ClinicCms.Content.Search;
using ClinicCms.Content.Store;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Search;

/// <summary>A PostgreSQL search site, whatever database the other tests run on.</summary>
public sealed class PostgresSearchSite : IAsyncLifetime
{
    public SearchSite? Site { get; private set; }

    public async ValueTask InitializeAsync()
    {
        if (ServiceRequirement.HasPostgres)
        {
            Site = new SearchSite(postgres: true);
            await Site.InitializeAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Site is not null)
        {
            await Site.DisposeAsync();
        }
    }
}

/// <summary>
/// On PostgreSQL an import has each document's tsvector worked out ahead on another connection: what it stores must be
/// what the server computes in the index's own INSERT (the path of every other write and of a rebuild).
/// </summary>
public sealed class SearchPostgresVectorTests(PostgresSearchSite sites) : IClassFixture<PostgresSearchSite>
{
    [Fact]
    public async Task Vectors_an_import_worked_out_ahead_equal_those_a_rebuild_computes()
    {
        if (sites.Site is not { } site)
        {
            ServiceRequirement.Missing(ServiceRequirement.PostgresName);
            return;
        }
        var index = (PostgresSearchIndex)site.App.Services.GetRequiredService<ISearchIndex>();
        var before = index.WorkedOutAhead;
        var items = Enumerable.Range(1, 150).Select(i => $$"""
            { "ContentItemId": "4vec{{i:D22}}", "ContentItemVersionId": "4vev{{i:D22}}", "ContentType": "Page",
              "DisplayText": "Infusion room {{i}}", "Latest": true, "Published": {{(i % 3 == 0 ? "false" : "true")}},
              "TitlePart": { "Title": "Infusion room {{i}}" },
              "HtmlBodyPart": { "Html": "<h2>Visiting the clinic's rooms</h2><p>Patients' infusions run {{i}} weeks; <a href=\"https://example.com/{{i}}\">caf\u00e9 na\u00efve</a> &amp; more.</p>" } }
            """);
        var report = await site.App.RunRecipeTextAsync($$"""{ "name": "vectors", "steps": [ { "name": "content", "data": [ {{string.Join(", ", items)}} ] } ] }""",
            "vectors.recipe.json");
        Assert.Equal(150, report.ItemsCreated);
        Assert.Equal(150, index.WorkedOutAhead - before);

        var imported = await VectorsAsync(site);
        await site.App.InScopeAsync(sp => sp.GetRequiredService<SearchIndexRebuild>().RebuildAsync(everyType: true));
        var rebuilt = await VectorsAsync(site);

        Assert.Equal(150, imported.Count(v => v.Id.StartsWith("4vev", StringComparison.Ordinal)));
        Assert.All(imported, v => Assert.Contains("infus", v.Vector, StringComparison.Ordinal));
        Assert.Equal(rebuilt, imported);
    }

    private static Task<List<(string Id, string Vector)>> VectorsAsync(SearchSite site) => site.App.InScopeAsync(async sp =>
    {
        var db = sp.GetRequiredService<ClinicCmsDbContext>();
        var rows = await db.Database.SqlQueryRaw<VectorRow>(
            "SELECT \"ContentItemVersionId\" AS \"Id\", \"Vector\"::text AS \"Vector\" FROM \"SearchDocuments\" WHERE \"ContentItemVersionId\" LIKE '4vev%' ORDER BY 1").ToListAsync();
        return rows.Select(r => (r.Id, r.Vector)).ToList();
    });

    private sealed record VectorRow(string Id, string Vector);
}
