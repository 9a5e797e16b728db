using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Security;

/// <summary>The REST content API (/api/content) through real bearer tokens.</summary>
public sealed class ContentApiTests(SharedSecuredSite shared) : IClassFixture<SharedSecuredSite>
{
    private readonly SecuredSite _site = shared.Site;

    [Fact]
    public async Task Without_a_token_it_is_401_without_the_permission_403_with_it_200()
    {
        using var anonymous = _site.Anonymous();
        using var graphOnly = _site.WithToken(await _site.TokenAsync("graph-only-app", "Graph-app-secret-1"));
        using var reader = _site.WithToken(await _site.TokenAsync("reader-app", "Reader-app-secret-1"));

        using var none = await anonymous.GetAsync($"/api/content/{ClinicIds.Article}");
        using var forbidden = await graphOnly.GetAsync($"/api/content/{ClinicIds.Article}");
        using var allowed = await reader.GetAsync($"/api/content/{ClinicIds.Article}");
        using var missing = await reader.GetAsync("/api/content/nosuchitem00000000000000000");

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var item = (await GraphQLClient.Parse(allowed)).AsObject();
        Assert.Equal("How Many Ketamine Infusions Will I Need?", item["DisplayText"]!.GetValue<string>());
        Assert.Equal(["ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText"], item.Select(p => p.Key).Take(4));
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Post_creates_and_publishes_or_saves_a_draft_and_delete_removes()
    {
        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var faq = Faq("Do I need a referral?", 30);

        using var draft = await editor.PostAsJsonAsync("/api/content?draft=true", faq);
        var draftItem = (await GraphQLClient.Parse(draft)).AsObject();
        var id = draftItem["ContentItemId"]!.GetValue<string>();
        using var publishedAfterDraft = await editor.GetAsync($"/api/content/{id}");
        faq["ContentItemId"] = id;
        faq["FAQ"]!["Order"] = new JsonObject { ["Value"] = 31 };
        faq["Owner"] = "4someoneelse0000000000001"; // not the caller's to change
        using var publish = await editor.PostAsJsonAsync("/api/content", faq);
        using var published = await editor.GetAsync($"/api/content/{id}");
        using var delete = await editor.DeleteAsync($"/api/content/{id}");
        using var afterDelete = await editor.GetAsync($"/api/content/{id}");

        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.False(draftItem["Published"]!.GetValue<bool>());
        Assert.NotEqual("posted-id-ignored00000000", id);
        Assert.Equal(HttpStatusCode.NotFound, publishedAfterDraft.StatusCode);
        Assert.Equal(HttpStatusCode.OK, publish.StatusCode);
        var live = (await GraphQLClient.Parse(published)).AsObject();
        Assert.True(live["Published"]!.GetValue<bool>());
        Assert.Equal(31m, live["FAQ"]!["Order"]!["Value"]!.GetValue<decimal>());
        Assert.Equal(draftItem["Owner"]!.GetValue<string>(), live["Owner"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
    }

    [Fact]
    public async Task A_write_sent_with_if_match_applies_only_to_the_version_it_names()
    {
        var ct = TestContext.Current.CancellationToken;
        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        using var reader = _site.WithToken(await _site.TokenAsync("reader-app", "Reader-app-secret-1"));
        using var created = await editor.PostAsJsonAsync("/api/content", Faq("Can I drive home?", 40), ct);
        var id = (await GraphQLClient.Parse(created))["ContentItemId"]!.GetValue<string>();
        using var read = await editor.GetAsync($"/api/content/{id}", ct);
        var first = read.Headers.ETag!.Tag;
        Assert.Equal(created.Headers.ETag!.Tag, first);
        async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string ifMatch, JsonObject? body = null, bool draft = false)
        {
            var path = body is null ? $"/api/content/{id}" : draft ? "/api/content?draft=true" : "/api/content";
            using var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body) };
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await client.SendAsync(request, ct);
        }
        JsonObject Edit(string question)
        {
            var faq = Faq(question, 40);
            faq["ContentItemId"] = id;
            return faq;
        }
        async Task<string> TitleAsync() => (await GraphQLClient.Parse(await editor.GetAsync($"/api/content/{id}", ct)))["DisplayText"]!.GetValue<string>();

        using var matched = await SendAsync(editor, HttpMethod.Post, first, Edit("Can I drive myself home?"));
        using var stale = await SendAsync(editor, HttpMethod.Post, first, Edit("Lost update?"));
        using var weak = await SendAsync(editor, HttpMethod.Post, $"W/{matched.Headers.ETag!.Tag}", Edit("Weak?"));
        using var malformed = await SendAsync(editor, HttpMethod.Post, "not-a-tag", Edit("Malformed?"));
        using var notAllowed = await SendAsync(reader, HttpMethod.Post, first, Edit("Reader?"));
        var afterRefusals = await TitleAsync();
        using var newItem = await SendAsync(editor, HttpMethod.Post, "*", Faq("Created under If-Match?", 41));
        var titles = (await new GraphQLClient(editor).DataAsync("{ faq(status: LATEST) { displayText } }"))["faq"]!.AsArray()
            .Select(f => f!["displayText"]!.GetValue<string>()).ToList();
        using var anyVersion = await SendAsync(editor, HttpMethod.Post, "\"other\", *", Edit("Can I drive home after an infusion?"));
        using var staleDelete = await SendAsync(editor, HttpMethod.Delete, $"{first}, {matched.Headers.ETag!.Tag}");
        var afterStaleDelete = await TitleAsync();
        // A draft saved since the published version was read: a POST against the published version is refused, naming
        // the draft's ETag; a DELETE is against the published version, which GET still answers with.
        using var draft = await SendAsync(editor, HttpMethod.Post, anyVersion.Headers.ETag!.Tag, Edit("Who drives me home?"), draft: true);
        using var readWithDraft = await editor.GetAsync($"/api/content/{id}", ct);
        using var againstPublished = await SendAsync(editor, HttpMethod.Post, readWithDraft.Headers.ETag!.Tag, Edit("Overwrites the draft?"));
        using var delete = await SendAsync(editor, HttpMethod.Delete, readWithDraft.Headers.ETag!.Tag);
        using var afterDelete = await editor.GetAsync($"/api/content/{id}", ct);

        Assert.Equal(HttpStatusCode.OK, matched.StatusCode);
        Assert.NotEqual(first, matched.Headers.ETag!.Tag);
        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Contains($"its published version's ETag is {matched.Headers.ETag!.Tag}", (await GraphQLClient.Parse(stale))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.PreconditionFailed, weak.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Contains("If-Match must be", await malformed.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, notAllowed.StatusCode); // refused before its version is compared
        Assert.Equal("Can I drive myself home?", afterRefusals); // the refused writes kept nothing
        Assert.Equal(HttpStatusCode.PreconditionFailed, newItem.StatusCode);
        Assert.DoesNotContain("Created under If-Match?", titles);
        Assert.Equal(HttpStatusCode.OK, anyVersion.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, staleDelete.StatusCode);
        Assert.Equal("Can I drive home after an infusion?", afterStaleDelete);
        Assert.Equal(HttpStatusCode.OK, draft.StatusCode);
        Assert.Equal(HttpStatusCode.PreconditionFailed, againstPublished.StatusCode);
        Assert.Contains($"its latest version is a draft, whose ETag is {draft.Headers.ETag!.Tag}", (await GraphQLClient.Parse(againstPublished))["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, afterDelete.StatusCode);
    }

    [Fact]
    public async Task Invalid_items_get_problem_details_listing_every_error_and_nothing_is_saved()
    {
        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var faq = Faq("", 5);
        faq["FAQ"]!["Order"] = new JsonObject { ["Value"] = "five" };
        faq["FAQ"]!["Category"] = new JsonObject { ["Text"] = "astrology" };

        using var response = await editor.PostAsJsonAsync("/api/content", faq);
        using var unknownType = await editor.PostAsJsonAsync("/api/content", new JsonObject { ["ContentType"] = "Nope" });
        using var malformed = await editor.PostAsync("/api/content", new StringContent("{ \"ContentType\": ", System.Text.Encoding.UTF8, "application/json"));
        using var repeated = await editor.PostAsync("/api/content", new StringContent("{ \"ContentType\": \"FAQ\", \"ContentType\": \"Article\" }", System.Text.Encoding.UTF8, "application/json"));
        using var badName = await editor.PostAsync("/api/content", new StringContent("{ \"ContentType\": \"FAQ\", \"\\udc00\": 1 }", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = (await GraphQLClient.Parse(response)).AsObject();
        Assert.Equal(["FAQ.Category", "FAQ.Order", "TitlePart.Title"], problem["errors"]!.AsObject().Select(p => p.Key).Order());
        Assert.Equal(HttpStatusCode.BadRequest, unknownType.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, repeated.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badName.StatusCode);
        var graphql = await new GraphQLClient(_site.WithToken(await _site.TokenAsync("reader-app", "Reader-app-secret-1"))).DataAsync("{ faqCount }");
        Assert.Equal(8, graphql["faqCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_draft_value_that_is_neither_true_nor_false_is_refused_and_nothing_is_written()
    {
        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var reader = new GraphQLClient(_site.WithToken(await _site.TokenAsync("reader-app", "Reader-app-secret-1")));
        var before = (await reader.DataAsync("{ faqCount }"))["faqCount"]!.GetValue<int>();

        // An empty value must not be taken as "not given", which publishes; other values fail the binding itself.
        foreach (var query in new[] { "?draft=", "?draft=&draft=", "?DRAFT=" })
        {
            using var response = await editor.PostAsJsonAsync($"/api/content{query}", Faq($"Refused {query}?", 40));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            var problem = (await GraphQLClient.Parse(response)).AsObject();
            Assert.Contains("true or false", problem["errors"]!["draft"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        }
        foreach (var query in new[] { "?draft=yes", "?draft=true&draft=false", "?draft=%20" })
        {
            using var response = await editor.PostAsJsonAsync($"/api/content{query}", Faq($"Refused {query}?", 40));
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        }
        Assert.Equal(before, (await reader.DataAsync("{ faqCount }"))["faqCount"]!.GetValue<int>());

        using var allowed = await editor.PostAsJsonAsync("/api/content?draft=False", Faq("Published with draft=False?", 41));
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        var item = await GraphQLClient.Parse(allowed);
        Assert.True(item["Published"]!.GetValue<bool>());
        using var delete = await editor.DeleteAsync($"/api/content/{item["ContentItemId"]!.GetValue<string>()}");
        Assert.Equal(HttpStatusCode.OK, delete.StatusCode);
    }

    [Fact]
    public async Task Script_payloads_in_html_are_neutralised_before_they_are_stored()
    {
        using var editor = _site.WithToken(await _site.TokenAsync("editor-app", "Editor-app-secret-1"));
        var article = new JsonObject
        {
            ["ContentType"] = "Article",
            ["TitlePart"] = new JsonObject { ["Title"] = "Hostile article" },
            ["Article"] = new JsonObject { ["Summary"] = new JsonObject { ["Text"] = "x" } },
            ["HtmlBodyPart"] = new JsonObject { ["Html"] = "<p onclick=\"steal()\">Hi<script>alert(1)</script></p><a href=\"javascript:alert(2)\">x</a><img src=x onerror=alert(3)>" },
        };

        using var response = await editor.PostAsJsonAsync("/api/content", article);
        var stored = (await GraphQLClient.Parse(response))["HtmlBodyPart"]!["Html"]!.GetValue<string>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<p>Hi</p>", stored, StringComparison.Ordinal);
        foreach (var attack in new[] { "<script", "onclick", "javascript:", "onerror" })
        {
            Assert.DoesNotContain(attack, stored, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_openapi_document_describes_the_content_api()
    {
        using var http = _site.Anonymous();

        using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
        request.Headers.Host = "attacker.example";
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        var document = JsonNode.Parse(text)!;

        // Relative to wherever it was fetched from: a Host header sent by anyone is not echoed as the API's server.
        Assert.DoesNotContain("attacker.example", text, StringComparison.Ordinal);
        Assert.Null(document["servers"]);

        Assert.NotNull(document["paths"]!["/api/content/{contentItemId}"]!["get"]);
        Assert.NotNull(document["paths"]!["/api/content"]!["post"]);
        // draft is read by the handler, yet documented as the boolean it is; the review step's body is described too.
        var draft = document["paths"]!["/api/content"]!["post"]!["parameters"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "draft")!;
        Assert.Equal("query", draft["in"]!.GetValue<string>());
        Assert.Equal("boolean", draft["schema"]!["type"]!.GetValue<string>());
        // Each body's schema is a named component, so that a generated client names its type.
        var item = document["paths"]!["/api/content"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal("#/components/schemas/JsonObject", item["$ref"]!.GetValue<string>());
        var review = document["paths"]!["/api/content/{contentItemId}/review"]!["post"]!["requestBody"]!["content"]!["application/json"]!["schema"]!;
        Assert.Equal("#/components/schemas/ReviewBody", review["$ref"]!.GetValue<string>());
        // Conditional writes are described: If-Match on the writes, their 412, the ETag of the answers.
        foreach (var (path, method) in new[] { ("/api/content", "post"), ("/api/content/{contentItemId}", "delete"), ("/api/content/{contentItemId}/review", "post") })
        {
            var operation = document["paths"]![path]![method]!;
            Assert.Contains(operation["parameters"]!.AsArray(), p => p!["name"]!.GetValue<string>() == "If-Match" && p["in"]!.GetValue<string>() == "header");
            Assert.NotNull(operation["responses"]!["412"]);
        }
        Assert.NotNull(document["paths"]!["/api/content/{contentItemId}"]!["get"]!["responses"]!["200"]!["headers"]!["ETag"]);
        var reviewBody = document["components"]!["schemas"]!["ReviewBody"]!["properties"]!.AsObject();
        Assert.Equal(["action", "comment", "concurrencyStamp"], reviewBody.Select(p => p.Key).Order(StringComparer.Ordinal));
    }

    private static JsonObject Faq(string question, int order) => new()
    {
        ["ContentItemId"] = "posted-id-ignored00000000",
        ["ContentType"] = "FAQ",
        ["TitlePart"] = new JsonObject { ["Title"] = question },
        ["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = order } },
    };
}
