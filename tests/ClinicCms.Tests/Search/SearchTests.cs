using System.Net;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Reading;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using Microsoft.Extensions.DependencyInjection;
using static ClinicCms.Tests.Search.SearchSite;

namespace ClinicCms.Tests.Search;

/// <summary>Site search through GraphQL, on one site set up from the search recipe (on PostgreSQL too with CLINICCMS_TEST_DATABASE=postgres).</summary>
public sealed class SearchTests(SearchSite site) : IClassFixture<SearchSite>
{
    private const string TitleMatch = "4spi00000000000000000title";
    private const string BodyMatch = "4spi000000000000000000body";
    private const string NoteMatch = "4sni0000000000000000infuse";
    private const string Spanish = "4spi000000000000000spanish";

    [Fact]
    public async Task A_title_match_ranks_above_a_body_match_and_infusion_finds_infusions()
    {
        var answer = await SearchAsync(site.Anonymous(), "infusion");

        var ids = Ids(answer);
        Assert.Equal(3, answer["total"]!.GetValue<int>());
        Assert.Equal(TitleMatch, ids[0]); // "Saline infusions explained": the title, stemmed
        Assert.Contains(BodyMatch, ids);
        Assert.Contains(NoteMatch, ids);
        var scores = answer["items"]!.AsArray().Select(i => i!["score"]!.GetValue<double>()).ToList();
        Assert.True(scores[0] > scores[1], $"scores {string.Join(", ", scores)}");
    }

    [Fact]
    public async Task Spanish_words_are_stemmed_as_Spanish()
    {
        var answer = await SearchAsync(site.Anonymous(), "tratamiento");

        Assert.Equal([Spanish], Ids(answer));
        Assert.Contains("<mark>tratamientos</mark>", answer["items"]![0]!["snippet"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_quoted_phrase_needs_its_words_together()
    {
        var words = Ids(await SearchAsync(site.Anonymous(), "blood pressure"));
        var phrase = Ids(await SearchAsync(site.Anonymous(), "\"blood pressure\""));

        Assert.Equal(2, words.Count);
        Assert.Equal(["4spi0000000000000000phrase"], phrase);
    }

    [Fact]
    public async Task A_minus_excludes_a_word()
    {
        var all = Ids(await SearchAsync(site.Anonymous(), "ketamine"));
        var excluded = Ids(await SearchAsync(site.Anonymous(), "ketamine -nasal"));

        Assert.Equal(2, all.Count);
        Assert.Equal(["4spi00000000000000ketamine"], excluded);
    }

    [Fact]
    public async Task Culture_and_type_filters_narrow_the_search()
    {
        var pages = Ids(await SearchAsync(site.Anonymous(), "infusion", ", contentTypes: [\"Page\"]"));
        var notes = Ids(await SearchAsync(site.Anonymous(), "infusion", ", contentTypes: [\"Note\"]"));
        var spanish = Ids(await SearchAsync(site.Anonymous(), "tratamientos", ", culture: \"es-US\""));
        var english = Ids(await SearchAsync(site.Anonymous(), "tratamientos", ", culture: \"en-US\""));
        // The note has no LocalizationPart, so no culture: a culture filter leaves it out, as a list's does.
        var inEnglish = Ids(await SearchAsync(site.Anonymous(), "infusion", ", culture: \"en-US\""));

        Assert.Equal([TitleMatch, BodyMatch], pages);
        Assert.Equal([NoteMatch], notes);
        Assert.Equal([Spanish], spanish);
        Assert.Empty(english);
        Assert.Equal([TitleMatch, BodyMatch], inEnglish);
    }

    [Fact]
    public async Task A_culture_spelled_in_another_case_finds_the_items_of_that_culture()
    {
        var lower = Ids(await SearchAsync(site.Anonymous(), "tratamientos", ", culture: \"es-us\""));
        var upper = Ids(await SearchAsync(site.Anonymous(), "infusion", ", culture: \"EN-us\""));

        Assert.Equal([Spanish], lower);
        Assert.Equal([TitleMatch, BodyMatch], upper);
    }

    [Fact]
    public async Task An_empty_contentTypes_list_searches_no_type_and_finds_nothing_for_anyone()
    {
        var anonymous = await SearchAsync(site.Anonymous(), "infusion", ", contentTypes: []");
        var admin = await SearchAsync(await site.AdminAsync(), "infusion", ", contentTypes: []");

        Assert.Equal(0, anonymous["total"]!.GetValue<int>());
        Assert.Empty(anonymous["items"]!.AsArray());
        Assert.Equal(anonymous.ToJsonString(), admin.ToJsonString());
    }

    [Fact]
    public async Task A_type_without_LocalizationPart_is_found_with_a_culture_as_a_list_finds_it()
    {
        var (listed, listedInEnglish) = await site.App.InScopeAsync(async sp =>
        {
            var reader = sp.GetRequiredService<IContentReader>();
            var all = await reader.ListAsync(new ContentQuery("Note"), CancellationToken.None);
            var english = await reader.ListAsync(new ContentQuery("Note") { Culture = "en-US" }, CancellationToken.None);
            return (all.Select(i => i.ContentItemId).ToList(), english.Select(i => i.ContentItemId).ToList());
        });
        var searched = Ids(await SearchAsync(site.Anonymous(), "aftercare", ", contentTypes: [\"Note\"]"));
        var searchedInEnglish = Ids(await SearchAsync(site.Anonymous(), "aftercare", ", contentTypes: [\"Note\"], culture: \"en-US\""));

        Assert.Equal([NoteMatch], listed);
        Assert.Equal(listed, searched);
        Assert.Empty(listedInEnglish);
        Assert.Equal(listedInEnglish, searchedInEnglish);
    }

    [Fact]
    public async Task Snippets_mark_the_matches_and_escape_everything_else()
    {
        var answer = await SearchAsync(site.Anonymous(), "zebra");

        var snippet = answer["items"]![0]!["snippet"]!.GetValue<string>();
        // SQLite's snippet escapes the tag-like text; PostgreSQL's ts_headline drops it as a tag. Neither lets it through.
        Assert.True(snippet.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", StringComparison.Ordinal) || !snippet.Contains("script", StringComparison.Ordinal), snippet);
        Assert.Contains("<mark>zebra</mark>", snippet);
        Assert.Contains("&amp;", snippet);
        Assert.DoesNotContain("<script>", snippet);
    }

    [Fact]
    public async Task Drafts_are_hidden_from_anonymous_callers_and_found_with_preview_rights()
    {
        var anonymous = site.Anonymous();
        var published = await SearchAsync(anonymous, "lavender");
        var (draftStatus, draftBody) = await anonymous.PostAsync("{ search(query: \"lavender\", status: DRAFT) { total } }");
        var admin = await site.AdminAsync();
        var latest = await SearchAsync(admin, "lavender", ", status: LATEST");

        Assert.Equal(0, published["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Unauthorized, draftStatus);
        Assert.Contains("preview", draftBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(["4spi00000000000000000draft"], Ids(latest));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("   ", "empty")]
    [InlineData("\"unbalanced quote", "not closed")]
    [InlineData("*", "no words")]
    [InlineData(":", "no words")]
    [InlineData("-excluded", "only excludes")]
    [InlineData("a b c d e f g h i j k l m n o p q r s t u v w x y z aa bb cc dd ee ff gg", "at most 32")]
    public async Task A_query_that_cannot_run_gets_a_400_naming_the_problem(string query, string expected)
    {
        var (status, body) = await site.Anonymous().PostAsync("query($q: String!) { search(query: $q) { total } }", new { q = query });

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Hostile_queries_are_data_or_clear_errors_never_a_500()
    {
        var client = site.Anonymous();
        var (huge, hugeBody) = await client.PostAsync("query($q: String!) { search(query: $q) { total } }", new { q = new string('x', 257) });
        var near = await SearchAsync(client, "NEAR(zebra form) ^zebra AND OR NOT col:zebra zebra*");
        var unicode = await SearchAsync(client, "guía clínica 🩺 日本語");
        // Written by hand: a serializer would replace the unpaired surrogate before it is sent.
        using var http = site.App.CreateClient();
        using var surrogate = await http.PostAsync("/api/graphql", new StringContent(
            "{\"query\": \"query($q: String!) { search(query: $q) { total } }\", \"variables\": { \"q\": \"zebra \\ud800\" } }",
            System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, huge);
        Assert.Contains("at most 256", hugeBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(0, near["total"]!.GetValue<int>()); // "near", "and", "col" are words the site does not have
        Assert.Equal(0, unicode["total"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.BadRequest, surrogate.StatusCode);
    }

    [Fact]
    public async Task A_skip_deeper_than_the_search_pages_go_is_an_error_naming_it()
    {
        var (status, body) = await site.Anonymous().PostAsync("{ search(query: \"infusion\", skip: 2147483647) { total } }");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.Contains("skip is 2147483647", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Right_to_left_and_combining_characters_are_data_and_a_negative_skip_is_refused()
    {
        var client = site.Anonymous();
        var rtl = await SearchAsync(client, "\u202Eשלום zebra\u202C");
        var combining = await SearchAsync(client, "ze\u0301bra \u0301");
        var alone = await client.PostAsync("query($q: String!) { search(query: $q) { total } }", new { q = "\u200F\u202E\u200E" });
        var negative = await client.PostAsync("query($q: String!) { search(query: $q, skip: -1) { total } }", new { q = "infusion" });

        Assert.Equal(0, rtl["total"]!.GetValue<int>()); // שלום is not on the site; every word must match
        Assert.Equal(0, combining["total"]!.GetValue<int>()); // "zébra" is another word than "zebra"
        Assert.Equal(HttpStatusCode.BadRequest, alone.Status);
        Assert.Contains("no words", alone.Body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, negative.Status); // as on list fields
        Assert.Equal("skip is -1; it must be 0 or more.", negative.Body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Unknown_types_and_too_many_results_are_refused()
    {
        var (unknown, unknownBody) = await site.Anonymous().PostAsync("{ search(query: \"zebra\", contentTypes: [\"Nope<script>\"]) { total } }");
        var (tooMany, _) = await site.Anonymous().PostAsync("{ search(query: \"zebra\", first: 100000) { total } }");
        var (all, _) = await site.Anonymous().PostAsync("{ search(query: \"zebra\", status: ALL) { total } }");

        Assert.Equal(HttpStatusCode.BadRequest, unknown);
        Assert.Contains("not a searchable content type", unknownBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
        Assert.True(all is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Many_large_searches_in_one_request_are_refused_as_too_complex_and_a_page_of_hits_is_not()
    {
        var aliases = string.Join(" ", Enumerable.Range(0, 36).Select(i =>
            $"a{i}: search(query: \"infusion\", first: 1000, skip: {i}) {{ total items {{ score snippet contentItem {{ contentItemId }} }} }}"));
        var (packed, packedBody) = await site.Anonymous().PostAsync($"{{ {aliases} }}");
        var (page, pageBody) = await site.Anonymous().PostAsync("{ search(query: \"infusion\", first: 50) { total items { score snippet contentItem { contentItemId } } } }");

        Assert.Equal(HttpStatusCode.BadRequest, packed);
        Assert.Contains("complexity", packedBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, page);
        Assert.Null(pageBody["errors"]);
    }

    [Fact]
    public async Task A_rolled_back_write_leaves_the_index_as_it_was_and_committed_writes_change_it()
    {
        await site.App.InScopeAsync(async sp =>
        {
            var unit = sp.GetRequiredService<ContentUnitOfWork>();
            await using (await unit.BeginAsync())
            {
                var created = await sp.GetRequiredService<ContentService>().CreateAsync(SearchSite.Page("Zeppelin rides"), publish: true, ContentUser.System);
                Assert.True(created.Succeeded);
            } // disposed without a commit: rolled back
            unit.Reset();
            return 0;
        });
        var afterRollback = await SearchAsync(site.Anonymous(), "zeppelin");

        var id = await site.App.InScopeAsync(async sp =>
            (await sp.GetRequiredService<ContentService>().CreateAsync(SearchSite.Page("Zeppelin tours"), publish: true, ContentUser.System)).Item!.ContentItemId);
        var afterCommit = await SearchAsync(site.Anonymous(), "zeppelin");
        await site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>().DeleteAsync(id, ContentUser.System));
        var afterDelete = await SearchAsync(site.Anonymous(), "zeppelin");

        Assert.Equal(0, afterRollback["total"]!.GetValue<int>());
        Assert.Equal([id], Ids(afterCommit));
        Assert.Equal(0, afterDelete["total"]!.GetValue<int>());
    }

    [Fact]
    public async Task Answers_name_the_items_and_types_in_their_cache_tags()
    {
        using var http = site.App.CreateClient();
        using var response = await http.PostAsync("/api/graphql", System.Net.Http.Json.JsonContent.Create(new { query = "{ search(query: \"zebra\") { total items { contentItem { contentItemId } } } }" }));

        var tags = string.Join(',', response.Headers.GetValues("Cache-Tag"));
        Assert.Contains("type:Page", tags, StringComparison.Ordinal);
        Assert.Contains("type:Note", tags, StringComparison.Ordinal);
        Assert.Contains("item:4spi0000000000000000markup", tags, StringComparison.Ordinal);
    }
}
