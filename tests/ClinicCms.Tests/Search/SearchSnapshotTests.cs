using System.Text.Json.Nodes;
using ClinicCms.Content.Reading;
using ClinicCms.Content.Search;
using ClinicCms.Content.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace ClinicCms.Tests.Search;

/// <summary>
/// The search site on SQLite with a few hundred generated pages and notes in English, Spanish and neither, published,
/// drafts and both, of three owners, for the in-memory ranking's contract: it answers exactly as SQL does.
/// </summary>
public sealed class SearchSnapshotSite : IAsyncLifetime
{
    private static readonly string[] English =
    [
        "infusion", "infusions", "relief", "relieve", "ketamine", "treatment", "treated", "patients", "blood", "pressure",
        "session", "sessions", "doctor", "2024", "clínica", "cafe\u0301", "cafe", "infusio\u0301n", "a\u0301\u0361b", "\u00B5g", "\u03BCg", "λόγος", "λόγοσ", "ſun", "sun", "हिन्दी",
        "aftercare", "the", "and", "rare",
    ];

    private static readonly string[] Spanish =
        ["tratamiento", "tratamientos", "paciente", "pacientes", "alivio", "infusión", "infusiones", "clínica", "sesión", "relief", "la"];

    public SearchSite Site { get; } = new(postgres: false);

    public async ValueTask InitializeAsync()
    {
        await Site.InitializeAsync();
        var report = await Site.App.RunRecipeTextAsync(Recipe(new Random(7)).ToJsonString(), "generated.recipe.json");
        Assert.True(report.ItemsCreated >= 400, report.ToString());
    }

    public ValueTask DisposeAsync() => Site.DisposeAsync();

    private static JsonObject Recipe(Random random)
    {
        var data = new JsonArray();
        string[] owners = ["alice", "bob", "carol"];
        for (var i = 0; i < 300; i++)
        {
            var culture = (i % 3) switch { 0 => "en-US", 1 => "es-US", _ => null };
            var words = culture == "es-US" ? Spanish : English;
            var id = $"4snapitem{i:D17}";
            var owner = owners[random.Next(owners.Length)];
            var published = random.Next(4) != 0;
            data.Add(Page(id, $"4snapver{i:D18}", Text(random, words, 2, 4), Text(random, words, 5, 60), culture, owner, published, latest: true));
            if (published && random.Next(5) == 0)
            {
                // A draft on top of the published version: the published one stays, no longer the latest.
                data[^1]!["Published"] = true;
                data[^1]!["Latest"] = false;
                data.Add(Page(id, $"4snapdrf{i:D18}", Text(random, words, 2, 4), Text(random, words, 5, 60), culture, owner, published: false, latest: true));
            }
        }
        for (var i = 0; i < 100; i++)
        {
            data.Add(new JsonObject
            {
                ["ContentItemId"] = $"4snapnote{i:D17}",
                ["ContentItemVersionId"] = $"4snapnov{i:D18}",
                ["ContentType"] = "Note",
                ["DisplayText"] = $"Note {i}",
                ["Latest"] = true,
                ["Published"] = random.Next(3) != 0,
                ["Owner"] = owners[random.Next(owners.Length)],
                ["TitlePart"] = new JsonObject { ["Title"] = Text(random, English, 1, 3) },
                ["Note"] = new JsonObject { ["Summary"] = new JsonObject { ["Text"] = Text(random, English, 3, 12) } },
                ["MarkdownBodyPart"] = new JsonObject { ["Markdown"] = Text(random, English, 10, 80) },
            });
        }
        return new JsonObject { ["name"] = "generated", ["steps"] = new JsonArray(new JsonObject { ["name"] = "content", ["data"] = data }) };
    }

    private static JsonObject Page(string id, string version, string title, string body, string? culture, string owner, bool published, bool latest)
    {
        var page = new JsonObject
        {
            ["ContentItemId"] = id,
            ["ContentItemVersionId"] = version,
            ["ContentType"] = "Page",
            ["DisplayText"] = title,
            ["Latest"] = latest,
            ["Published"] = published,
            ["Owner"] = owner,
            ["TitlePart"] = new JsonObject { ["Title"] = title },
            ["HtmlBodyPart"] = new JsonObject { ["Html"] = $"<p>{System.Net.WebUtility.HtmlEncode(body)}</p>" },
        };
        if (culture is not null)
        {
            page["LocalizationPart"] = new JsonObject { ["Culture"] = culture, ["LocalizationSet"] = "set" + id[9..] };
        }
        return page;
    }

    private static string Text(Random random, string[] words, int min, int max) =>
        string.Join(' ', Enumerable.Range(0, random.Next(min, max + 1)).Select(_ => words[random.Next(words.Length)]));
}

public sealed class SearchSnapshotTests(SearchSnapshotSite site) : IClassFixture<SearchSnapshotSite>
{
    private static readonly string[] Queries =
    [
        "infusion", "infusions relief", "relief -ketamine", "tratamiento", "pacientes alivio", "clínica", "clinica", "2024",
        "cafe\u0301", "cafe", "infusio\u0301n", "\u00B5g", "\u03BCg", "λόγος", "ſun", "हिन्दी", "relief relief", "rare -2024 -doctor", "aftercare", "zeppelin", "\"blood pressure\"", "relief -\"the doctor\"",
    ];

    private static readonly SearchScope[][] Scopes =
    [
        [new("Page"), new("Note")],
        [new("Page", "alice"), new("Note")],
        [new("Note", "bob")],
    ];

    [Fact]
    public async Task Ranks_in_memory_exactly_as_sql_does()
    {
        var (snapshot, sql) = Indexes(site.Site.App.Services);
        await snapshot.RefreshAsync();
        var before = snapshot.Answered;
        var asked = 0;
        var phrases = 0;
        await using var connection = Open();
        foreach (var query in Queries)
        {
            foreach (var request in Requests(SearchExpression.Parse(query)))
            {
                var expected = await sql.SearchAsync(connection, request, CancellationToken.None);
                var actual = await snapshot.SearchAsync(connection, request, CancellationToken.None);
                Assert.True(expected.Total == actual.Total, $"{query} {request}: total {actual.Total}, SQL {expected.Total}");
                Assert.Equal(expected.Hits, actual.Hits);
                asked++;
                phrases += query.Contains('"') || query == "हिन्दी" ? 1 : 0;
            }
        }
        // Every request without a phrase was answered from memory (some with one too: a phrase of a stop word and a word
        // is one word in English); the rest by SQL.
        Assert.InRange(snapshot.Answered - before, asked - phrases, asked - 1);
        // The corpus must make the comparison mean something: many matches, pages cut from them.
        Assert.True((await sql.SearchAsync(connection, new SearchRequest(SearchExpression.Parse("relief"), Scopes[0]), CancellationToken.None)).Total > 50);
    }

    [Fact]
    public async Task A_write_is_answered_by_sql_until_the_snapshot_is_read_again()
    {
        var (snapshot, _) = Indexes(site.Site.App.Services);
        await snapshot.RefreshAsync();
        var id = await site.Site.App.InScopeAsync(async sp => (await sp.GetRequiredService<ClinicCms.Content.Versions.ContentService>()
            .CreateAsync(SearchSite.Page("Quokka habitats"), publish: true, ClinicCms.Content.ContentItems.ContentUser.System)).Item!.ContentItemId);
        await using var connection = Open();
        var request = new SearchRequest(SearchExpression.Parse("quokka"), Scopes[0]);

        var answered = snapshot.Answered;
        var stale = await snapshot.SearchAsync(connection, request, CancellationToken.None);
        var byStaleSnapshot = snapshot.Answered - answered;
        await snapshot.RefreshAsync();
        answered = snapshot.Answered;
        var fresh = await snapshot.SearchAsync(connection, request, CancellationToken.None);

        Assert.Equal(0, byStaleSnapshot);
        Assert.Equal([id], stale.Hits.Select(h => h.ContentItemId));
        Assert.Equal(1, snapshot.Answered - answered);
        Assert.Equal(stale.Hits, fresh.Hits);
    }

    [Fact]
    public async Task At_zero_megabytes_sql_answers_every_search()
    {
        var services = site.Site.App.Services;
        var sql = services.GetRequiredService<SqliteSearchIndex>();
        var off = new SearchSnapshotIndex(sql, services.GetRequiredService<SqliteReadConnections>(),
            Options.Create(new SearchOptions { MemoryIndexMaxMegabytes = 0 }), NullLogger<SearchSnapshotIndex>.Instance);
        await using var connection = Open();
        var request = new SearchRequest(SearchExpression.Parse("infusion"), Scopes[0]);

        var page = await off.SearchAsync(connection, request, CancellationToken.None);

        Assert.Equal(0, off.Answered);
        Assert.Equal((await sql.SearchAsync(connection, request, CancellationToken.None)).Hits, page.Hits);
        Assert.NotEmpty(page.Hits);
    }

    private static IEnumerable<SearchRequest> Requests(SearchExpression expression)
    {
        foreach (var scopes in Scopes)
        {
            foreach (var status in (PublicationStatus[])[PublicationStatus.Published, PublicationStatus.Latest, PublicationStatus.Draft])
            {
                foreach (var culture in (string?[])[null, "en-US", "es-US"])
                {
                    foreach (var (skip, first) in ((int, int)[])[(0, 10), (3, 4), (0, 1000), (400, 10)])
                    {
                        yield return new SearchRequest(expression, scopes) { Status = status, Culture = culture, Skip = skip, First = first };
                    }
                }
            }
        }
        yield return new SearchRequest(expression, Scopes[0]) { Status = PublicationStatus.Latest, OnlyItem = "4snapitem00000000000000004" };
    }

    private static (SearchSnapshotIndex Snapshot, SqliteSearchIndex Sql) Indexes(IServiceProvider services) =>
        (services.GetRequiredService<SearchSnapshotIndex>(), services.GetRequiredService<SqliteSearchIndex>());

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection($"Data Source={site.Site.App.DatabaseFile};Pooling=False");
        connection.Open();
        return connection;
    }
}
