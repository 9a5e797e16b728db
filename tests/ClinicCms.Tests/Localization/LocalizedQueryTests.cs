using System.Net;
using System.Text.Json.Nodes;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Localization;

/// <summary>
/// Localized articles through GraphQL, on each reader: the culture filter, Orchard's where filter, fallback to the
/// default culture per localization set, the set's items, the site's cultures, and culture names that are not
/// culture names. The site holds the clinic's English article and the recipe's articles (see localized.recipe.json).
/// </summary>
public abstract class LocalizedQueryTests(LocalizationSite site)
{
    private const string HoursSet = "l10nsethours00000000000001";

    private async Task<GraphQLClient> GraphQLAsync() => new((await site.AppAsync()).CreateClient());

    private static string[] Titles(JsonNode? list) => [.. list!.AsArray().Select(n => n!["displayText"]!.GetValue<string>())];

    [Fact]
    public async Task Without_a_culture_every_culture_is_listed_as_in_orchard()
    {
        var data = await (await GraphQLAsync()).DataAsync("{ article(orderBy: { displayText: ASC }) { displayText } articleCount }");

        Assert.Equal(["Clinic hours", "Horario de prueba", "How Many Ketamine Infusions Will I Need?", "Parking", "Solo de prueba"], Titles(data["article"]));
        Assert.Equal(5, data["articleCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task The_culture_argument_and_the_where_filter_list_one_culture()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { es: article(culture: "es-US", orderBy: { displayText: ASC }) { displayText localizationPart { culture localizationSet } }
              esCount: articleCount(culture: "es-US")
              en: article(where: { localizationPart: { culture: "en-US" } }, orderBy: { displayText: ASC }) { displayText }
              set: article(where: { localizationPart: { localizationSet: "l10nsethours00000000000001" } }, orderBy: { displayText: ASC }) { displayText }
              unknown: article(culture: "fr-FR") { displayText } }
            """);

        Assert.Equal(["Horario de prueba", "Solo de prueba"], Titles(data["es"]));
        Assert.Equal("es-US", data["es"]![0]!["localizationPart"]!["culture"]!.GetValue<string>());
        Assert.Equal(HoursSet, data["es"]![0]!["localizationPart"]!["localizationSet"]!.GetValue<string>());
        Assert.Equal(2, data["esCount"]!.GetValue<int>());
        Assert.Equal(["Clinic hours", "How Many Ketamine Infusions Will I Need?", "Parking"], Titles(data["en"]));
        Assert.Equal(["Clinic hours", "Horario de prueba"], Titles(data["set"]));
        Assert.Empty(data["unknown"]!.AsArray());
    }

    [Fact]
    public async Task Fallback_gives_one_item_per_set_in_the_culture_where_it_is_published_else_in_the_default_culture()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { es: article(culture: "es-US", fallback: true, orderBy: { displayText: ASC }) { displayText localizationPart { culture } }
              count: articleCount(culture: "es-US", fallback: true)
              paged: article(culture: "es-US", fallback: true, orderBy: { displayText: DESC }, skip: 1, first: 2) { displayText }
              byPath: article(culture: "es-US", fallback: true, where: { path: "articles/parking" }) { displayText }
              unknown: article(culture: "fr-FR", fallback: true, orderBy: { displayText: ASC }) { displayText } }
            """);

        // Parking's Spanish item is a draft, so its English item stands in; the ketamine article has only English.
        Assert.Equal(["Horario de prueba", "How Many Ketamine Infusions Will I Need?", "Parking", "Solo de prueba"], Titles(data["es"]));
        Assert.Equal(["es-US", "en-US", "en-US", "es-US"], data["es"]!.AsArray().Select(n => n!["localizationPart"]!["culture"]!.GetValue<string>()));
        Assert.Equal(4, data["count"]!.GetValue<int>());
        Assert.Equal(["Parking", "How Many Ketamine Infusions Will I Need?"], Titles(data["paged"]));
        Assert.Equal(["Parking"], Titles(data["byPath"]));
        Assert.Equal(["Clinic hours", "How Many Ketamine Infusions Will I Need?", "Parking"], Titles(data["unknown"]));
    }

    [Fact]
    public async Task Culture_names_are_case_insensitive_in_the_culture_argument_the_where_filter_fallback_and_localizations()
    {
        var data = await (await GraphQLAsync()).DataAsync("""
            { es: article(culture: "ES-us", orderBy: { displayText: ASC }) { displayText localizationPart { culture } }
              esCount: articleCount(culture: "es-us")
              where: article(where: { localizationPart: { culture: "es-us" } }, orderBy: { displayText: ASC }) { displayText }
              fallback: article(culture: "es-us", fallback: true, orderBy: { displayText: ASC }) { displayText }
              hours: article(culture: "EN-US", where: { path: "articles/clinic-hours" }) { localizationPart { localizations(culture: "es-us") { displayText } } } }
            """);

        Assert.Equal(["Horario de prueba", "Solo de prueba"], Titles(data["es"]));
        Assert.Equal("es-US", data["es"]![0]!["localizationPart"]!["culture"]!.GetValue<string>()); // as the site spells it
        Assert.Equal(2, data["esCount"]!.GetValue<int>());
        Assert.Equal(["Horario de prueba", "Solo de prueba"], Titles(data["where"]));
        Assert.Equal(["Horario de prueba", "How Many Ketamine Infusions Will I Need?", "Parking", "Solo de prueba"], Titles(data["fallback"]));
        Assert.Equal(["Horario de prueba"], Titles(data["hours"]![0]!["localizationPart"]!["localizations"]));
    }

    [Fact]
    public async Task A_culture_argument_the_site_lacks_finds_nothing_and_a_warning_says_why_while_a_where_filter_stays_silent()
    {
        var graphql = await GraphQLAsync();
        var (status, body) = await graphql.PostAsync("""
            { fr: article(culture: "fr-FR") { displayText } again: articleCount(culture: "fr-FR")
              article(culture: "en-US") { localizationPart { localizations(culture: "de-DE") { displayText } } } }
            """);
        var (whereStatus, whereBody) = await graphql.PostAsync("{ article(where: { localizationPart: { culture: \"fr-FR\" } }) { displayText } }");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Null(body["errors"]);
        Assert.Empty(body["data"]!["fr"]!.AsArray());
        Assert.Equal(
            ["culture: 'fr-FR' is not one of the site's cultures (en-US, es-US), so no item is in it.",
             "culture: 'de-DE' is not one of the site's cultures (en-US, es-US), so no item is in it."],
            body["extensions"]!["warnings"]!.AsArray().Select(w => w!.GetValue<string>()));
        Assert.Equal(HttpStatusCode.OK, whereStatus);
        Assert.Empty(whereBody["data"]!["article"]!.AsArray());
        Assert.Null(whereBody["extensions"]?["warnings"]);
    }

    [Fact]
    public async Task Fallback_without_a_culture_is_an_error_saying_it_needs_one()
    {
        var graphql = await GraphQLAsync();
        foreach (var query in new[] { "{ article(fallback: true) { displayText } }", "{ articleCount(fallback: true) }" })
        {
            var (status, body) = await graphql.PostAsync(query);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.StartsWith("fallback needs culture", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        var without = await graphql.DataAsync("{ article(fallback: false) { displayText } }"); // false asks nothing
        Assert.Equal(5, without["article"]!.AsArray().Count);
    }

    [Fact]
    public async Task Localizations_are_the_whole_published_set_as_in_orchard_and_never_a_draft_for_anonymous_callers()
    {
        var graphql = await GraphQLAsync();
        var data = await graphql.DataAsync("""
            { article(culture: "en-US", orderBy: { displayText: ASC }) { displayText
                localizationPart { localizations { ... on Article { displayText localizationPart { culture } } } es: localizations(culture: "es-US") { displayText }
                  en: localizations(culture: "en-US") { displayText } fr: localizations(culture: "fr-FR") { displayText } } } }
            """);

        var articles = data["article"]!.AsArray();
        var hours = articles.Single(a => a!["displayText"]!.GetValue<string>() == "Clinic hours")!["localizationPart"]!;
        Assert.Equal(["Clinic hours", "Horario de prueba"], Titles(hours["localizations"])); // the item itself included, as in Orchard
        Assert.Equal(["en-US", "es-US"], hours["localizations"]!.AsArray().Select(n => n!["localizationPart"]!["culture"]!.GetValue<string>()));
        Assert.Equal(["Horario de prueba"], Titles(hours["es"]));
        Assert.Equal(["Clinic hours"], Titles(hours["en"]));
        Assert.Empty(hours["fr"]!.AsArray());
        var parking = articles.Single(a => a!["displayText"]!.GetValue<string>() == "Parking")!["localizationPart"]!;
        Assert.Equal(["Parking"], Titles(parking["localizations"])); // its Spanish item is a draft
        Assert.Empty(parking["es"]!.AsArray());

        var (status, drafts) = await graphql.PostAsync("{ article(status: DRAFT, culture: \"es-US\") { displayText } }");
        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Contains("Authorization is required", drafts["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("Borrador", drafts.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_list_asking_localizations_of_every_item_reads_the_sets_in_one_query_not_one_per_item()
    {
        var graphql = await GraphQLAsync();
        const string Query = "{ article { displayText localizationPart { localizations { displayText } } } }";
        using var held = site.Counter.HoldClock();
        await graphql.DataAsync(Query); // builds and caches the schema, the permissions and the document

        site.Counter.Reset();
        var data = await graphql.DataAsync(Query.Replace("{ article", "{ again: article", StringComparison.Ordinal)); // not the cached answer

        Assert.Equal(5, data["again"]!.AsArray().Count);
        Assert.All(data["again"]!.AsArray(), a => Assert.NotEmpty(a!["localizationPart"]!["localizations"]!.AsArray()));
        // The list (none when the published index answers it), then the five items' sets at once.
        Assert.True(site.Counter.Commands.Count <= 2, string.Join("\n---\n", site.Counter.Commands));
    }

    [Fact]
    public async Task The_site_cultures_come_with_the_default_marked()
    {
        var data = await (await GraphQLAsync()).DataAsync("{ siteCultures { culture default } }");

        Assert.Equal("""[{"culture":"en-US","default":true},{"culture":"es-US","default":false}]""", data["siteCultures"]!.ToJsonString());
    }

    [Fact]
    public async Task The_cache_tag_names_every_item_a_localized_answer_returns()
    {
        using var http = (await site.AppAsync()).CreateClient();
        using var response = await http.PostAsync("/api/graphql", System.Net.Http.Json.JsonContent.Create(new
        {
            query = "{ article(culture: \"en-US\", where: { path: \"articles/clinic-hours\" }) { displayText localizationPart { localizations { contentItemId } } } }",
        }));

        var tags = response.Headers.GetValues(ReadTags.Header).Single().Split(',');
        Assert.Contains("item:l10nhoursen000000000000001", tags);
        Assert.Contains("item:l10nhourses000000000000001", tags);
    }

    [Theory]
    [InlineData("../../etc/passwd")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("español")]
    [InlineData("en-US\u200B")]
    [InlineData("es-US\n")]
    [InlineData("")]
    public async Task A_culture_that_is_not_a_culture_name_is_an_error_naming_it_never_a_500(string culture)
    {
        var graphql = await GraphQLAsync();
        foreach (var query in new[]
        {
            "query ($c: String) { article(culture: $c) { displayText } }",
            "query ($c: String) { articleCount(culture: $c, fallback: true) }",
            "query ($c: String) { article(where: { localizationPart: { culture: $c } }) { displayText } }",
            "query ($c: String) { article { localizationPart { localizations(culture: $c) { displayText } } } }",
        })
        {
            var (status, body) = await graphql.PostAsync(query, new { c = culture });

            Assert.Equal(HttpStatusCode.BadRequest, status);
            var message = body["errors"]![0]!["message"]!.GetValue<string>();
            Assert.Contains("is not a culture name", message, StringComparison.Ordinal);
            Assert.DoesNotContain("<script>", message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_huge_culture_is_an_error_too()
    {
        var (status, body) = await (await GraphQLAsync()).PostAsync("query ($c: String) { article(culture: $c) { displayText } }", new { c = new string('e', 4_000) });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is not a culture name", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}

public sealed class IndexedSqliteLocalizedQueryTests(IndexedSqliteLocalizedQueryTests.Site site) : LocalizedQueryTests(site), IClassFixture<IndexedSqliteLocalizedQueryTests.Site>
{
    public sealed class Site() : LocalizationSite(ReaderConfiguration.IndexedSqlite);
}

public sealed class SqlSqliteLocalizedQueryTests(SqlSqliteLocalizedQueryTests.Site site) : LocalizedQueryTests(site), IClassFixture<SqlSqliteLocalizedQueryTests.Site>
{
    public sealed class Site() : LocalizationSite(ReaderConfiguration.SqlSqlite);
}

public sealed class PostgresLocalizedQueryTests(PostgresLocalizedQueryTests.Site site) : LocalizedQueryTests(site), IClassFixture<PostgresLocalizedQueryTests.Site>
{
    public sealed class Site() : LocalizationSite(ReaderConfiguration.Postgres);
}
