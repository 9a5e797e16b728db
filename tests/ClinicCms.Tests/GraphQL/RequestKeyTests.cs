using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// A JSON body sent before finds its cached answer without being parsed again: the same bytes answer, while another
/// variable or another operation never reaches that answer (other callers: ResponseCacheTests and AuthorVisibilityTests
/// send one body with different rights). A cached document still checks the limits its variables set. One site for the class.
/// </summary>
public sealed class RequestKeyTests(SharedClinicApp site) : IClassFixture<SharedClinicApp>
{
    private const string Lookup = "query Lookup($id: String!) { contentItem(contentItemId: $id) { contentItemId displayText } } query Other { faqCount }";

    [Fact]
    public async Task A_body_sent_again_is_answered_from_its_known_key_and_other_variables_or_operations_are_not()
    {
        using var http = site.App.CreateClient();
        var article = Body(Lookup, "Lookup", ClinicIds.Article);
        var overview = Body(Lookup, "Lookup", ClinicIds.TreatmentOverview);
        var other = Body(Lookup, "Other", ClinicIds.Article);

        var (firstCache, firstBytes) = await PostAsync(http, article);
        var (againCache, againBytes) = await PostAsync(http, article);
        var (overviewCache, overviewBytes) = await PostAsync(http, overview);
        var (otherCache, otherBytes) = await PostAsync(http, other);

        Assert.NotNull(site.App.Services.GetRequiredService<RequestKeys>().Find(article));
        Assert.Equal("MISS", firstCache);
        Assert.Equal("HIT", againCache);
        Assert.Equal(firstBytes, againBytes);
        Assert.Equal("MISS", overviewCache);
        Assert.Equal(ClinicIds.TreatmentOverview, JsonNode.Parse(overviewBytes)!["data"]!["contentItem"]!["contentItemId"]!.GetValue<string>());
        Assert.Equal("MISS", otherCache);
        Assert.NotNull(JsonNode.Parse(otherBytes)!["data"]!["faqCount"]);
    }

    [Fact]
    public async Task A_cached_document_still_refuses_a_variable_over_the_maximum()
    {
        using var http = site.App.CreateClient();
        var graphql = new GraphQLClient(http);
        const string Query = "query ($n: Int) { faq(first: $n) { displayText } }";

        var (allowed, _) = await graphql.PostAsync(Query, new { n = 2 });
        var (again, _) = await graphql.PostAsync(Query, new { n = 3 });
        var (tooMany, body) = await graphql.PostAsync(Query, new { n = 1001 });

        Assert.Equal(HttpStatusCode.OK, allowed);
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.Equal(HttpStatusCode.BadRequest, tooMany);
        Assert.Equal("first is 1001; the most a query may ask for is 1000.", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_cached_document_is_held_to_the_complexity_limit_with_every_new_variable()
    {
        using var http = site.App.CreateClient();
        var graphql = new GraphQLClient(http);
        // Nested pickers: small with a skipped branch or first: 1, far over the limit with the branch included or first: 100.
        const string Included = "query ($x: Boolean!) { faq(first: 100) @include(if: $x) { relatedTreatment { contentItems(first: 100) { ...on TreatmentOverview { faqs { contentItems(first: 100) { ...on FAQ { relatedTreatment { contentItems(first: 100) { displayText } } } } } } } } } }";
        const string Sized = "query ($n: Int) { faq(first: $n) { relatedTreatment { contentItems(first: 100) { ...on TreatmentOverview { faqs { contentItems(first: 100) { displayText } } } } } } }";

        var (skipped, _) = await graphql.PostAsync(Included, new { x = false });
        var (included, includedBody) = await graphql.PostAsync(Included, new { x = true });
        var (small, _) = await graphql.PostAsync(Sized, new { n = 1 });
        var (large, largeBody) = await graphql.PostAsync(Sized, new { n = 100 });

        Assert.Equal(HttpStatusCode.OK, skipped);
        Assert.Equal(HttpStatusCode.BadRequest, included);
        Assert.Contains("Complexity", includedBody["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, small);
        Assert.Equal(HttpStatusCode.BadRequest, large);
        Assert.Contains("Complexity", largeBody["errors"]![0]!["message"]!.GetValue<string>());
    }

    private static string Body(string query, string? operationName, string? id) => new JsonObject
    {
        ["query"] = query,
        ["operationName"] = operationName,
        ["variables"] = id is null ? null : new JsonObject { ["id"] = id },
    }.ToJsonString();

    private static async Task<(string? Cache, byte[] Body)> PostAsync(HttpClient http, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync("/api/graphql", content);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (response.Headers.TryGetValues(GraphQLEndpoints.CacheHeader, out var values) ? values.Single() : null, await response.Content.ReadAsByteArrayAsync());
    }
}
