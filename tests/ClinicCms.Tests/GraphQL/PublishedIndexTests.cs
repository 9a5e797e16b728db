using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Content.Reading.Published;
using ClinicCms.Tests.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// On SQLite the published index answers published reads from memory; that its answers are SQL's is the reader
/// contract (<see cref="ReaderContractTests"/>). Here: a write by another connection, as another process would make
/// it, is seen by the very next read; a draft keeps the index; a site over the limit reads through SQL.
/// </summary>
public sealed class PublishedIndexTests : IAsyncLifetime
{
    /// <summary>The contract's queries: equality filters, orders of every kind, paging, counts, lookups and pickers.</summary>
    public static readonly string[] Queries =
    [
        "{ article(first: 100) { contentItemId displayText } }",
        "{ article(orderBy: { displayText: ASC }) { displayText } }",
        "{ article(orderBy: { displayText: DESC }, skip: 2, first: 3) { displayText } }",
        "{ article(orderBy: { subtitle: ASC, displayText: DESC }) { displayText subtitle } }",
        "{ article(orderBy: { subtitle: DESC }) { displayText } }",
        "{ article(orderBy: { publishedUtc: DESC }) { displayText publishedUtc } }",
        "{ article(orderBy: { createdUtc: ASC }, skip: 1) { displayText createdUtc } }",
        "{ article(where: { path: \"articles/index-apple\" }) { displayText path } }",
        "{ article(where: { displayText: \"apple\" }) { displayText } }",
        "{ article(where: { subtitle: \"Shared subtitle\" }, orderBy: { displayText: ASC }) { displayText } articleCount(where: { subtitle: \"Shared subtitle\" }) }",
        "{ article(where: { subtitle: \"Shared subtitle\", displayText: \"Zebra\" }) { displayText } }",
        "{ article(where: { publishedUtc: \"2026-03-02T10:00:00Z\" }) { displayText } }",
        "{ article(where: { displayText_contains: \"pple\" }, orderBy: { displayText: ASC }) { displayText } }",
        "{ article(where: { path: \"articles/none\" }) { displayText } articleCount(where: { path: \"articles/none\" }) }",
        "{ faq(where: { category: \"maintenance\" }, orderBy: { order: ASC }, first: 4) { displayText relatedTreatment { contentItems { displayText } } } faqCount(where: { category: \"maintenance\" }) }",
        "{ faq(where: { category: \"maintenance\" }, orderBy: { order: DESC }) { displayText } }",
        "{ faq(where: { AND: [{ category: \"maintenance\" }, { order: 2 }] }) { displayText } }",
        "{ faq(orderBy: { order: ASC, displayText: DESC }) { displayText } faqCount }",
        "{ contentItem(contentItemId: \"indexarticle00000000000001\") { displayText } }",
        "{ contentItem(contentItemId: \"indexdraft0000000000000001\") { displayText } }",
        "{ treatmentOverview { displayText faqs { contentItems { ... on FAQ { displayText } } } relatedArticles { contentItems { ... on Article { displayText path } } } } }",
        "{ articleCount faqCount treatmentOverviewCount }",
        "{ page(culture: \"es-US\", orderBy: { displayText: ASC }) { displayText localizationPart { culture localizationSet } } pageCount(culture: \"es-US\") }",
        "{ page(culture: \"es-US\", fallback: true, orderBy: { displayText: ASC }) { displayText localizationPart { culture } } pageCount(culture: \"es-US\", fallback: true) }",
        "{ page(culture: \"es-US\", fallback: true, orderBy: { createdUtc: DESC }, skip: 1, first: 3) { displayText } }",
        "{ page(culture: \"es-US\", fallback: true, where: { path: \"pages/visit\" }) { displayText path } }",
        "{ page(culture: \"fr-FR\", fallback: true, orderBy: { displayText: DESC }) { displayText } }",
        "{ page(where: { localizationPart: { culture: \"en-US\" } }, orderBy: { path: ASC }) { path } }",
        "{ page(orderBy: { displayText: ASC }) { displayText localizationPart { localizations { ... on Page { displayText } } es: localizations(culture: \"es-US\") { contentItemId } } } }",
    ];

    private readonly TempFolder _data = new();

    public async ValueTask InitializeAsync()
    {
        await using var app = App(indexOn: false);
        _ = app.CreateClient();
        await app.RunRecipeTextAsync(Recipe().ToJsonString(), "index.recipe.json");
    }

    public ValueTask DisposeAsync()
    {
        _data.Dispose();
        return ValueTask.CompletedTask;
    }

    [Fact]
    public async Task A_write_by_another_connection_is_seen_by_the_next_read()
    {
        SkipOnPostgres();
        await using var app = App(indexOn: true);
        var graphql = new GraphQLClient(app.CreateClient());
        const string Query = "{ article(where: { path: \"articles/index-apple\" }) { displayText } }";
        await app.Services.GetRequiredService<PublishedIndex>().RefreshAsync();
        Assert.Equal("apple", (await graphql.DataAsync(Query))["article"]![0]!["displayText"]!.GetValue<string>());

        await using (var other = new SqliteConnection($"Data Source={app.DatabaseFile};Pooling=False"))
        {
            await other.OpenAsync();
            await using var update = other.CreateCommand();
            update.CommandText = """UPDATE "ContentItemVersions" SET "DisplayText" = 'changed elsewhere' WHERE "Path" = 'articles/index-apple' AND "Published" = 1""";
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
        }

        Assert.Equal("changed elsewhere", (await graphql.DataAsync(Query))["article"]![0]!["displayText"]!.GetValue<string>());
        await app.Services.GetRequiredService<PublishedIndex>().RefreshAsync();
        Assert.Equal("changed elsewhere", (await graphql.DataAsync(Query))["article"]![0]!["displayText"]!.GetValue<string>());
    }

    [Fact]
    public async Task Saving_a_draft_keeps_the_index_and_publishing_it_is_seen_by_the_next_read()
    {
        SkipOnPostgres();
        var counter = new SqlCommandCounter();
        await using var app = App(indexOn: true, counter);
        var graphql = new GraphQLClient(app.CreateClient());
        const string Query = "{ faq(where: { category: \"general\" }, orderBy: { order: ASC }) { displayText } }";
        await graphql.DataAsync(Query); // asks for the fields
        await app.Services.GetRequiredService<PublishedIndex>().RefreshAsync();
        var before = (await graphql.DataAsync(Query)).ToJsonString();

        var draft = ContentService.New("FAQ");
        draft.GetOrCreatePart("TitlePart")["Title"] = "Index draft question?";
        draft.GetOrCreatePart("FAQ")["Category"] = new JsonObject { ["Text"] = "general" };
        draft.GetOrCreatePart("FAQ")["Order"] = new JsonObject { ["Value"] = 0 };
        draft.GetOrCreatePart("FAQ")["Answer"] = new JsonObject { ["Markdown"] = "An answer." };
        string id;
        // The clock held from a read before the draft: the caches' once-a-second checks stay out of the counted read.
        using (counter.HoldClock())
        {
            await graphql.DataAsync(Query);
            var created = await app.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(draft, publish: false, ContentUser.System));
            Assert.Empty(created.Errors);
            id = created.Item!.ContentItemId;
            counter.Reset();
            Assert.Equal(before, (await graphql.DataAsync(Query)).ToJsonString());
            Assert.True(counter.Commands.IsEmpty, string.Join("\n", counter.Commands)); // the draft did not move the published revision
        }

        await app.InScopeAsync(sp => sp.GetRequiredService<ContentService>().PublishAsync(id, ContentUser.System));
        var after = await graphql.DataAsync(Query);
        Assert.Contains(after["faq"]!.AsArray(), f => f!["displayText"]!.GetValue<string>() == "Index draft question?");
    }

    [Fact]
    public async Task A_site_with_more_published_items_than_the_limit_reads_through_sql()
    {
        SkipOnPostgres();
        var counter = new SqlCommandCounter();
        await using var app = App(indexOn: true, counter, maxItems: 3);
        var graphql = new GraphQLClient(app.CreateClient());
        const string Query = "{ article(where: { path: \"articles/index-apple\" }) { displayText } }";
        await app.Services.GetRequiredService<PublishedIndex>().RefreshAsync();
        await graphql.DataAsync(Query);
        counter.Reset();

        var data = await graphql.DataAsync(Query);

        Assert.Equal("apple", data["article"]![0]!["displayText"]!.GetValue<string>());
        Assert.NotEmpty(counter.Commands);
    }

    private static void SkipOnPostgres()
    {
        if (ServiceRequirement.OnPostgres)
        {
            Assert.Skip("The published index is for SQLite; on PostgreSQL every read goes to SQL, which the other GraphQL tests cover.");
        }
    }

    private ClinicCmsApp App(bool indexOn, SqlCommandCounter? counter = null, int maxItems = 1000) => new(
        settings: new Dictionary<string, string>
        {
            ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false",
            ["ClinicCms:GraphQL:PublishedIndexMaxItems"] = indexOn ? maxItems.ToString(System.Globalization.CultureInfo.InvariantCulture) : "0",
        },
        services: counter is null ? null : counter.CountIn,
        data: _data);

    // Titles that order differently by UTF-16 code unit, by culture and by UTF-8 byte; missing subtitles; equal dates and orders.
    public static JsonObject Recipe()
    {
        var items = new JsonArray();
        var titles = new[] { "apple", "Apple", "Äpfel", "Zebra", "émile", "\U0001F600 smile", "\uE000 private use", "zoo" };
        for (var i = 0; i < titles.Length; i++)
        {
            var fields = new JsonObject { ["Summary"] = new JsonObject { ["Text"] = $"Summary {i}." } };
            if (i % 3 != 2)
            {
                fields["Subtitle"] = new JsonObject { ["Text"] = i % 2 == 0 ? "Shared subtitle" : $"Subtitle {(char)('a' + i)}" };
            }
            items.Add(Item($"indexarticle{i + 1:D14}", "Article", titles[i], published: true,
                created: $"2026-03-0{1 + i % 3}T10:00:00Z", path: i == 0 ? "articles/index-apple" : $"articles/index-{i}", ("Article", fields)));
        }
        items.Add(Item("indexdraft0000000000000001", "Article", "A draft", published: false, created: "2026-03-09T10:00:00Z", path: "articles/index-draft",
            ("Article", new JsonObject { ["Subtitle"] = new JsonObject { ["Text"] = "Shared subtitle" }, ["Summary"] = new JsonObject { ["Text"] = "A draft." } })));
        for (var i = 0; i < 6; i++)
        {
            var faq = new JsonObject
            {
                ["Category"] = new JsonObject { ["Text"] = i < 5 ? "maintenance" : "general" },
                ["Order"] = new JsonObject { ["Value"] = i % 3 },
                ["RelatedTreatment"] = new JsonObject { ["ContentItemIds"] = new JsonArray(ClinicIds.TreatmentOverview) },
            };
            items.Add(Item($"indexfaq{i + 1:D18}", "FAQ", $"Index question {i}?", published: true, created: "2026-03-05T10:00:00Z", path: null, ("FAQ", faq)));
        }
        foreach (var page in LocalizedPages())
        {
            items.Add(page);
        }
        return new JsonObject
        {
            ["steps"] = new JsonArray(
                new JsonObject
                {
                    ["name"] = "Settings",
                    ["LocalizationSettings"] = new JsonObject { ["DefaultCulture"] = "en-US", ["SupportedCultures"] = new JsonArray("en-US", "es-US") },
                },
                JsonNode.Parse("""
                    { "name": "ContentDefinition", "ContentTypes": [ { "Name": "Page", "DisplayName": "Page", "Settings": { "ContentTypeSettings": { "Creatable": true, "Listable": true } },
                      "ContentTypePartDefinitionRecords": [ { "PartName": "TitlePart", "Name": "TitlePart" }, { "PartName": "AutoroutePart", "Name": "AutoroutePart" },
                        { "PartName": "LocalizationPart", "Name": "LocalizationPart" } ] } ] }
                    """),
                new JsonObject { ["name"] = "content", ["data"] = items }),
        };
    }

    // Localized pages: a set in both cultures, a set whose Spanish item is a draft, one only in Spanish, an English page
    // without a set, and a page without a culture (which no culture filter finds).
    private static IEnumerable<JsonObject> LocalizedPages()
    {
        (string Id, string Title, string? Culture, string? Set, bool Published, string Path)[] pages =
        [
            ("indexpageen000000000000001", "Welcome", "en-US", "indexpageset00000000000001", true, "pages/welcome"),
            ("indexpagees000000000000001", "Bienvenida", "es-US", "indexpageset00000000000001", true, "es/pages/bienvenida"),
            ("indexpageen000000000000002", "Visit", "en-US", "indexpageset00000000000002", true, "pages/visit"),
            ("indexpagees000000000000002", "Visita", "es-US", "indexpageset00000000000002", false, "es/pages/visita"),
            ("indexpagees000000000000003", "Solo", "es-US", "indexpageset00000000000003", true, "es/pages/solo"),
            ("indexpageen000000000000004", "No set", "en-US", null, true, "pages/no-set"),
            ("indexpagexx000000000000005", "No culture", null, null, true, "pages/no-culture"),
        ];
        for (var i = 0; i < pages.Length; i++)
        {
            var (id, title, culture, set, published, path) = pages[i];
            var page = Item(id, "Page", title, published, $"2026-03-1{i}T10:00:00Z", path, ("LocalizationPart", new JsonObject()));
            if (culture is null)
            {
                page.Remove("LocalizationPart");
            }
            else
            {
                page["LocalizationPart"] = new JsonObject { ["LocalizationSet"] = set, ["Culture"] = culture };
            }
            yield return page;
        }
    }

    private static JsonObject Item(string id, string type, string title, bool published, string created, string? path, (string Part, JsonObject Fields) part)
    {
        var item = new JsonObject
        {
            ["ContentItemId"] = id,
            ["ContentType"] = type,
            ["Latest"] = true,
            ["Published"] = published,
            ["CreatedUtc"] = created,
            ["ModifiedUtc"] = created,
            ["PublishedUtc"] = published ? created : null,
            ["TitlePart"] = new JsonObject { ["Title"] = title },
            [part.Part] = part.Fields,
        };
        if (path is not null)
        {
            item["AutoroutePart"] = new JsonObject { ["Path"] = path };
        }
        return item;
    }
}
