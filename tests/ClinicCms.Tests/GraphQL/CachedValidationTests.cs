using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// A document from the cache is validated the shorter way (CachedDocumentValidator): its answers, errors and status
/// codes must be the ones the same document gets when it is parsed and validated in full. Each query is sent with a
/// comment that makes its text new, so it is parsed, and then twice as cached. The response cache is off, so every
/// request is validated and run.
/// </summary>
public sealed class CachedValidationTests : IAsyncLifetime
{
    private const string ArticlePath = "articles/how-many-ketamine-infusions-will-i-need";
    private const string OverviewPath = "treatments/ketamine-infusion-therapy";

    private readonly ClinicCmsApp _app = new(settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false" });

    public ValueTask InitializeAsync()
    {
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // A document, its operation name, and variables of every shape: good ones first, so the document is cached.
    public static TheoryData<string, string?, string[]> Cases => new()
    {
        {
            "query ($path: String!) { article(where: { path: $path }) { displayText subtitle htmlBody { html } } }", null,
            [$$"""{ "path": "{{ArticlePath}}" }""", """{ "path": "nothing/here" }""", "{}", """{ "path": null }""", """{ "path": 5 }""",
                """{ "path": ["a"] }""", $$"""{ "path": "{{ArticlePath}}", "unknown": true }""", "null"]
        },
        {
            """
            query Faqs($category: String, $order: OrderByDirection = DESC, $where: FAQWhereInput, $status: Status = PUBLISHED, $texts: [String]) {
              faq(where: $where, orderBy: { order: $order }, status: $status, first: 5) { displayText }
              named: faq(where: { displayText_in: $texts, category: $category }, orderBy: { order: ASC }) { contentItemId }
              faqCount(where: $where)
            }
            """, "Faqs",
            ["{}", """{ "order": "ASC", "where": { "category": "treatment-course" } }""", """{ "category": "effects-and-timing", "texts": "single" }""",
                """{ "texts": ["a", null], "category": null }""", """{ "where": { "OR": [{ "category": "treatment-course" }, { "category_not": "x" }] } }""",
                """{ "order": "SIDEWAYS" }""", """{ "order": 1 }""", """{ "where": { "nope": 1 } }""", """{ "where": "category" }""", """{ "where": [] }""",
                """{ "status": "DRAFT" }""", """{ "status": null }""", """{ "texts": [1, 2] }"""]
        },
        {
            """
            query Overview($path: String!, $id: String!) {
              treatmentOverview(where: { path: $path }) {
                ...Common
                ...Faqs
                faqs { contentItems(first: 2) { ... on FAQ { displayText answer { html } } __typename } }
                relatedArticles @skip(if: true) { contentItems { displayText } }
              }
              item: contentItem(contentItemId: $id) { ...Common ... on Article { summary @include(if: false) subtitle @skip(if: false) heroImage { files(first: 1) { path } } } }
              again: contentItem(contentItemId: $id) @include(if: true) { ... @skip(if: false) { displayText } ...Common @include(if: false) }
            }
            fragment Common on ContentItem { contentItemId displayText @skip(if: false) contentType @include(if: false) }
            fragment Faqs on TreatmentOverview { faqs { first: contentItems(first: 1) { contentItemId } } }
            """, null,
            [$$"""{ "path": "{{OverviewPath}}", "id": "{{ClinicIds.Article}}" }""", $$"""{ "path": "{{OverviewPath}}", "id": "{{ClinicIds.TreatmentOverview}}" }""",
                $$"""{ "path": "{{OverviewPath}}" }""", $$"""{ "path": "{{OverviewPath}}", "id": null }""", $$"""{ "path": "{{OverviewPath}}", "id": {} }"""]
        },
        {
            // No variables: the arguments are worked out once for the operation and read by every request.
            """
            {
              faq(where: { category: "treatment-course", displayText_not_in: ["x", "y"], OR: [{ order_gt: 0 }, { order: 0 }] }, orderBy: { order: DESC, displayText: ASC }, first: 3, skip: 1) { displayText }
              article(status: PUBLISHED, orderBy: { publishedUtc: DESC }, first: 1) { displayText publishedUtc }
              faqCount(where: { NOT: { category: "x" } })
            }
            """, null,
            ["{}", """{ "unused": 1 }"""]
        },
        {
            "query A { faqCount } query B($c: String, $skip: Int) { faq(where: { category: $c }, skip: $skip, first: 2) { displayText } }", "B",
            ["""{ "c": "treatment-course" }""", """{ "skip": 1 }""", """{ "skip": "one" }""", """{ "skip": 1.5 }""", """{ "skip": 99999999999 }"""]
        },
        {
            "query A { faqCount } query B($c: String) { faq(where: { category: $c }, first: 2) { displayText } }", "A",
            ["{}", """{ "c": 1 }"""]
        },
        {
            // A nullable variable with a default, where null is not allowed: GraphQL.NET coerces it as non-null.
            """query ($id: String = "none") { contentItem(contentItemId: $id) { displayText } }""", null,
            [$$"""{ "id": "{{ClinicIds.Article}}" }""", "{}", """{ "id": null }"""]
        },
        {
            // The same, where the variable is used inside a fragment only.
            """query ($id: String = "none") { ...Item } fragment Item on Query { contentItem(contentItemId: $id) { displayText } }""", null,
            [$$"""{ "id": "{{ClinicIds.Article}}" }""", "{}", """{ "id": null }"""]
        },
        {
            // Sizes from variables keep their rules, so this one is validated in full each time.
            "query ($n: Int, $x: Boolean!) { faq(first: $n) @include(if: $x) { displayText } }", null,
            ["""{ "n": 2, "x": true }""", """{ "n": 2, "x": false }""", """{ "n": 2 }""", """{ "n": 2, "x": "yes" }"""]
        },
        {
            """{ __type(name: "FAQ") { name fields(includeDeprecated: true) { name args { name defaultValue } } } t: __typename @skip(if: true) }""", null,
            ["{}"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_cached_document_answers_as_a_parsed_one_with_every_kind_of_variables(string query, string? operationName, string[] variables)
    {
        using var http = _app.CreateClient();
        var answered = false;
        for (var i = 0; i < variables.Length; i++)
        {
            var (status, body) = await PostAsync(http, $"{query}\n# parsed {i}", operationName, variables[i]);
            answered |= status == HttpStatusCode.OK;
            for (var again = 0; again < 2; again++)
            {
                var (cachedStatus, cachedBody) = await PostAsync(http, query, operationName, variables[i]);
                Assert.True(status == cachedStatus && body == cachedBody, $"variables {variables[i]}:\nparsed {status} {body}\ncached {cachedStatus} {cachedBody}");
            }
        }
        Assert.True(answered, "no variables were answered, so the document was never cached");
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, string query, string? operationName, string variables)
    {
        var body = new JsonObject { ["query"] = query, ["operationName"] = operationName, ["variables"] = JsonNode.Parse(variables) }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/graphql", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
