using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>A frontend's queries against the seeded clinic content, over real HTTP, on each reader.</summary>
public abstract class ClinicQueryTests(ReaderSite site)
{
    private async Task<GraphQLClient> GraphQLAsync() => new((await site.AppAsync()).CreateClient());

    [Fact]
    public async Task The_newest_articles_come_with_their_collapsed_fields()
    {
        var data = await (await GraphQLAsync()).DataAsync("{ article(first: 10, orderBy: { publishedUtc: DESC }) { displayText path summary publishedUtc tags } }");

        var article = Assert.Single(data["article"]!.AsArray())!;
        Assert.Equal("How Many Ketamine Infusions Will I Need?", article["displayText"]!.GetValue<string>());
        Assert.Equal("articles/how-many-ketamine-infusions-will-i-need", article["path"]!.GetValue<string>());
        Assert.NotNull(article["publishedUtc"]);
        Assert.Equal(["Ketamine", "Treatment-resistant depression", "Infusion therapy"], article["tags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task An_article_is_found_by_its_path_with_its_body()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            query ($path: String) { article(where: { path: $path }) { subtitle htmlBody { html } heroImage { files { url } } } }
            """, new { path = "articles/how-many-ketamine-infusions-will-i-need" });

        var article = Assert.Single(data["article"]!.AsArray())!;
        Assert.StartsWith("<p>Millions of people", article["htmlBody"]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("<h2>Maintenance Infusions</h2>", article["htmlBody"]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(article["heroImage"]!["files"]!.AsArray());
    }

    [Fact]
    public async Task Faqs_of_a_category_come_in_display_order_with_their_total_count()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { faq(where: { category: "treatment-course" }, orderBy: { order: ASC }, first: 1) { displayText order answer { markdown html } }
              faqCount(where: { category: "treatment-course" }) }
            """);

        Assert.Equal(2, data["faqCount"]!.GetValue<int>());
        var first = Assert.Single(data["faq"]!.AsArray())!;
        Assert.Equal("How many ketamine infusions will I need?", first["displayText"]!.GetValue<string>());
        Assert.Equal(1m, first["order"]!.GetValue<decimal>());
        Assert.StartsWith("<p>It depends", first["answer"]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_treatment_overview_comes_with_its_faqs_and_articles()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { treatmentOverview { displayText sessionsMinimum sessionsMaximum weeksMinimum weeksMaximum condition markdownBody { html }
                faqs { contentItemIds contentItems { displayText ... on FAQ { relatedTreatment { contentItemIds } } } }
                relatedArticles { contentItems { ... on Article { path } } } } }
            """);

        var treatment = Assert.Single(data["treatmentOverview"]!.AsArray())!;
        Assert.Equal((6m, 8m, 3m, 4m), (treatment["sessionsMinimum"]!.GetValue<decimal>(), treatment["sessionsMaximum"]!.GetValue<decimal>(),
            treatment["weeksMinimum"]!.GetValue<decimal>(), treatment["weeksMaximum"]!.GetValue<decimal>()));
        Assert.Contains("<h2>", treatment["markdownBody"]!["html"]!.GetValue<string>(), StringComparison.Ordinal);
        var faqs = treatment["faqs"]!["contentItems"]!.AsArray();
        Assert.Equal(7, faqs.Count);
        Assert.All(faqs, f => Assert.Equal(ClinicIds.TreatmentOverview, f!["relatedTreatment"]!["contentItemIds"]![0]!.GetValue<string>()));
        Assert.Equal("articles/how-many-ketamine-infusions-will-i-need", treatment["relatedArticles"]!["contentItems"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task ContentItem_returns_a_published_item_through_the_interface()
    {
        var data = await (await GraphQLAsync()).DataAsync($$"""{ contentItem(contentItemId: "{{ClinicIds.Article}}") { contentType displayText ... on Article { path } } }""");

        Assert.Equal("Article", data["contentItem"]!["contentType"]!.GetValue<string>());
        Assert.Equal("articles/how-many-ketamine-infusions-will-i-need", data["contentItem"]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Drafts_are_invisible_and_asking_for_them_without_preview_rights_is_401()
    {
        var draft = ContentService.New("FAQ");
        draft.GetOrCreatePart("TitlePart")["Title"] = "Unreleased question?";
        draft.GetOrCreatePart("FAQ")["Category"] = new JsonObject { ["Text"] = "general" };
        draft.GetOrCreatePart("FAQ")["Order"] = new JsonObject { ["Value"] = 99 };
        var app = await site.AppAsync();
        await app.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(draft, publish: false, ContentUser.System));
        var graphql = new GraphQLClient(app.CreateClient());

        var published = await graphql.DataAsync("{ faq(where: { displayText_contains: \"Unreleased\" }) { displayText } faqCount }");
        Assert.Empty(published["faq"]!.AsArray());
        Assert.Equal(7, published["faqCount"]!.GetValue<int>());
        foreach (var status in new[] { "DRAFT", "LATEST", "ALL" })
        {
            var (code, body) = await graphql.PostAsync($"{{ faq(status: {status}) {{ displayText }} }}");
            Assert.Equal(HttpStatusCode.Unauthorized, code);
            Assert.Equal("Unauthorized", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        }
        var (countCode, _) = await graphql.PostAsync("{ faqCount(status: DRAFT) }");
        Assert.Equal(HttpStatusCode.Unauthorized, countCode);
    }

    [Fact]
    public async Task Get_and_application_graphql_requests_work_as_in_orchard()
    {
        using var http = (await site.AppAsync()).CreateClient();
        using var get = await http.GetAsync("/api/graphql?query=" + Uri.EscapeDataString("query ($n: Int) { faq(first: $n) { displayText } }")
            + "&variables=" + Uri.EscapeDataString("""{"n": 2}"""));
        using var raw = await http.PostAsync("/api/graphql", new StringContent("{ faqCount }", Encoding.UTF8, "application/graphql"));
        using var form = await http.PostAsync("/api/graphql?query=" + Uri.EscapeDataString("{ articleCount }"), new StringContent("", Encoding.UTF8, "text/plain"));

        Assert.Equal(2, (await GraphQLClient.Parse(get))["data"]!["faq"]!.AsArray().Count);
        Assert.Equal(7, (await GraphQLClient.Parse(raw))["data"]!["faqCount"]!.GetValue<int>());
        Assert.Equal(1, (await GraphQLClient.Parse(form))["data"]!["articleCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_filter_on_text_matches_case_insensitively_and_treats_wildcards_literally()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { a: faq(where: { displayText_contains: "FDA-APPROVED" }) { displayText }
              b: faq(where: { displayText_contains: "%" }) { displayText }
              c: faq(where: { displayText_starts_with: "how", NOT: { displayText_ends_with: "need?" } }) { displayText }
              d: faq(where: { OR: [{ order: 2 }, { order_in: [5, 6] }] }, orderBy: { order: ASC }) { order } }
            """);

        Assert.Equal("Is ketamine FDA-approved?", Assert.Single(data["a"]!.AsArray())!["displayText"]!.GetValue<string>());
        Assert.Empty(data["b"]!.AsArray());
        Assert.Equal(["How soon will I feel the effects of ketamine?", "How is ketamine different from conventional antidepressants?"],
            data["c"]!.AsArray().Select(n => n!["displayText"]!.GetValue<string>()).Order().Reverse());
        Assert.Equal([2m, 5m, 6m], data["d"]!.AsArray().Select(n => n!["order"]!.GetValue<decimal>()));
    }
}

public sealed class IndexedSqliteClinicQueryTests(IndexedSqliteClinicQueryTests.Site site) : ClinicQueryTests(site), IClassFixture<IndexedSqliteClinicQueryTests.Site>
{
    public sealed class Site() : ReaderSite(ReaderConfiguration.IndexedSqlite);
}

public sealed class SqlSqliteClinicQueryTests(SqlSqliteClinicQueryTests.Site site) : ClinicQueryTests(site), IClassFixture<SqlSqliteClinicQueryTests.Site>
{
    public sealed class Site() : ReaderSite(ReaderConfiguration.SqlSqlite);
}

public sealed class PostgresClinicQueryTests(PostgresClinicQueryTests.Site site) : ClinicQueryTests(site), IClassFixture<PostgresClinicQueryTests.Site>
{
    public sealed class Site() : ReaderSite(ReaderConfiguration.Postgres);
}

public sealed class IndexedPostgresClinicQueryTests(IndexedPostgresClinicQueryTests.Site site) : ClinicQueryTests(site), IClassFixture<IndexedPostgresClinicQueryTests.Site>
{
    public sealed class Site() : ReaderSite(ReaderConfiguration.IndexedPostgres);
}
