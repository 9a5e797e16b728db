using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.GraphQL;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Tests.TestHost;
using GraphQL;
using GraphQL.Execution;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// Queries run by <see cref="KeptFieldsStrategy"/> answer as GraphQL.NET's own serial strategy answers them, byte for
/// byte and status for status: plain selection sets, whose fields it keeps, and every kind it leaves to GraphQL.NET
/// (directives with variables, fragments, a key asked twice, items of several types in one list). One site, the
/// strategy switched between requests; the response cache is off, so every request runs.
/// </summary>
public sealed class KeptFieldsTests : IAsyncLifetime
{
    private const string ArticlePath = "articles/how-many-ketamine-infusions-will-i-need";
    private const string OverviewPath = "treatments/ketamine-infusion-therapy";

    private readonly Strategies _strategies = new();
    private readonly ClinicCmsApp _app;

    public KeptFieldsTests() => _app = new(
        services: s => s.AddSingleton(sp => GraphQLServiceCollectionExtensions.CreateExecuter(sp, _strategies)),
        settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false" });

    public ValueTask InitializeAsync()
    {
        _ = _app.CreateClient();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // Switched by the test between requests; requests run one at a time here.
    private sealed class Strategies : IExecutionStrategySelector
    {
        public bool GraphQLNets { get; set; }

        public IExecutionStrategy Select(global::GraphQL.Execution.ExecutionContext context) =>
            GraphQLNets ? SerialExecutionStrategy.Instance : KeptFieldsStrategy.Instance;
    }

    public static TheoryData<string, string[]> Cases => new()
    {
        {
            "{ article(first: 10, orderBy: { publishedUtc: DESC }) { displayText path summary publishedUtc createdUtc modifiedUtc __typename } }",
            ["{}"]
        },
        {
            "query ($path: String!) { article(where: { path: $path }) { displayText subtitle htmlBody { html } } again: article(where: { path: $path }) { path } }",
            [$$"""{ "path": "{{ArticlePath}}" }""", """{ "path": "nothing/here" }"""]
        },
        {
            "{ faq(orderBy: { order: ASC }, first: 50) { displayText relatedTreatment { contentItems { displayText } } } faqCount }",
            ["{}"]
        },
        {
            // The same key twice: GraphQL.NET merges the two fields and their selections.
            "query ($path: String!) { treatmentOverview(where: { path: $path }) { displayText faqs { contentItems { displayText } } faqs { contentItems { contentItemId } } displayText } }",
            [$$"""{ "path": "{{OverviewPath}}" }"""]
        },
        {
            "query ($path: String!) { x: article(where: { path: $path }) { displayText } x: article(where: { path: $path }) { path } }",
            [$$"""{ "path": "{{ArticlePath}}" }""", """{ "path": "nothing/here" }""", $$"""{ "path": "{{ArticlePath}}" }"""]
        },
        {
            "query ($path: String!, $x: Boolean!) { treatmentOverview(where: { path: $path }) { displayText @include(if: $x) path faqs @skip(if: $x) { contentItems { displayText } } } }",
            [$$"""{ "path": "{{OverviewPath}}", "x": true }""", $$"""{ "path": "{{OverviewPath}}", "x": false }""", $$"""{ "path": "{{OverviewPath}}", "x": true }"""]
        },
        {
            // One list of items of several types, through the interface, inline fragments and a named fragment.
            """
            query ($a: String!, $t: String!) {
              a: contentItem(contentItemId: $a) { ...Item ... on Article { subtitle publishedUtc } }
              t: contentItem(contentItemId: $t) { ...Item ... on TreatmentOverview { faqs { contentItems(first: 3) { ...Item ... on FAQ { displayText } } } relatedArticles { contentItems { ...Item } } } }
            }
            fragment Item on ContentItem { contentItemId contentType displayText __typename }
            """,
            [$$"""{ "a": "{{ClinicIds.Article}}", "t": "{{ClinicIds.TreatmentOverview}}" }""", $$"""{ "a": "{{ClinicIds.TreatmentOverview}}", "t": "{{ClinicIds.Article}}" }"""]
        },
        {
            // One plain selection set meeting items of different types, request after request.
            "query ($id: String!) { contentItem(contentItemId: $id) { contentItemId displayText contentType __typename } }",
            [$$"""{ "id": "{{ClinicIds.Article}}" }""", $$"""{ "id": "{{ClinicIds.TreatmentOverview}}" }""", $$"""{ "id": "{{ClinicIds.Article}}" }"""]
        },
        {
            // A key given twice inside a list: GraphQL.NET merges the selections anew for each item, into plain ones.
            "{ faq(first: 5) { displayText relatedTreatment { contentItems { displayText } } relatedTreatment { contentItems { contentItemId } } } }",
            ["{}"]
        },
        {
            """{ __type(name: "Article") { name fields { name type { name kind ofType { name } } } } __typename }""",
            ["{}"]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Kept_fields_answer_as_GraphQL_NETs_strategy(string query, string[] variables)
    {
        using var http = _app.CreateClient();
        foreach (var given in variables)
        {
            // Ours first, so that it also meets a document just parsed; then each strategy twice, from the cache.
            _strategies.GraphQLNets = false;
            var first = await PostAsync(http, query, given);
            _strategies.GraphQLNets = true;
            var theirs = await PostAsync(http, query, given);
            Assert.Equal(theirs, await PostAsync(http, query, given));
            Assert.True(theirs == first, $"variables {given}:\nGraphQL.NET's {theirs.Status} {theirs.Body}\nkept fields, first {first.Status} {first.Body}");
            _strategies.GraphQLNets = false;
            for (var again = 0; again < 2; again++)
            {
                var ours = await PostAsync(http, query, given);
                Assert.True(theirs == ours, $"variables {given}:\nGraphQL.NET's {theirs.Status} {theirs.Body}\nkept fields {ours.Status} {ours.Body}");
            }
            Assert.Equal(HttpStatusCode.OK, theirs.Status);
            Assert.DoesNotContain("\"errors\"", theirs.Body);
        }
    }

    private static async Task<(HttpStatusCode Status, string Body)> PostAsync(HttpClient http, string query, string variables)
    {
        var body = new JsonObject { ["query"] = query, ["variables"] = JsonNode.Parse(variables) }.ToJsonString();
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/graphql", content);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }
}
