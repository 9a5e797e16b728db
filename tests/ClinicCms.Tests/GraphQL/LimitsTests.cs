using System.Net;
using System.Text;
using ClinicCms.Content.Store;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.GraphQL;

/// <summary>Malformed bodies and hostile queries get clean errors that say what is wrong and where.</summary>
public sealed class LimitsTests(LimitsTests.Site site) : IClassFixture<LimitsTests.Site>
{
    /// <summary>One site for the class: the tests only read it.</summary>
    public sealed class Site : IAsyncDisposable
    {
        public Site()
        {
            Http = App.CreateClient();
            GraphQL = new GraphQLClient(Http);
        }

        public ClinicCmsApp App { get; } = new(settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:MaxRequestBytes"] = "4096" });

        public HttpClient Http { get; }

        public GraphQLClient GraphQL { get; }

        public async ValueTask DisposeAsync()
        {
            Http.Dispose();
            await App.DisposeAsync();
        }
    }

    private readonly ClinicCmsApp _app = site.App;
    private readonly HttpClient _http = site.Http;
    private readonly GraphQLClient _graphql = site.GraphQL;

    [Fact]
    public async Task A_bad_query_is_400_with_line_and_column()
    {
        var (status, body) = await _graphql.PostAsync("{ article {\n displayText\n nope } }");

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = body["errors"]![0]!;
        Assert.Equal("Cannot query field 'nope' on type 'Article'.", error["message"]!.GetValue<string>());
        Assert.Equal(3, error["locations"]![0]!["line"]!.GetValue<int>());
        Assert.Equal(2, error["locations"]![0]!["column"]!.GetValue<int>());
    }

    [Theory]
    [InlineData("""{"query": "query($a: String) { faqCount }", "variables": {"a": "\ud800"}}""", "a string holds an unpaired UTF-16 surrogate")]
    [InlineData("""{"query": "{ faqCount }", "variables": {"x": {"\udc00": 1}}}""", "a string holds an unpaired UTF-16 surrogate")]
    [InlineData("""{"query": "\ud800"}""", "a string holds an unpaired UTF-16 surrogate")]
    [InlineData("""{"query": "{ faqCount }", "variables": "a=1"}""", "variables and extensions must each be a JSON object")]
    [InlineData("""{"query": "{ faqCount }", "extensions": 5}""", "variables and extensions must each be a JSON object")]
    [InlineData("""{"query": 5}""", "query and operationName must be strings")]
    [InlineData("""{"query": "{ faqCount }", "operationName": {}}""", "query and operationName must be strings")]
    public async Task Valid_json_of_the_wrong_shape_is_a_400_that_says_what_is_wrong_in_the_clients_terms(string body, string reason)
    {
        using var response = await _http.PostAsync("/api/graphql", new StringContent(body, Encoding.UTF8, "application/json"), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var message = (await GraphQLClient.Parse(response))["errors"]![0]!["message"]!.GetValue<string>();
        Assert.StartsWith("The request could not be read at line 1, column ", message, StringComparison.Ordinal);
        Assert.Contains(reason, message, StringComparison.Ordinal);
        Assert.DoesNotContain("GraphQL.", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_syntax_error_and_a_malformed_body_and_no_query_are_400()
    {
        var (syntax, syntaxBody) = await _graphql.PostAsync("{ article { displayText }");
        using var malformed = await _http.PostAsync("/api/graphql", new StringContent("{\"query\": \"{ faq { displayText } }\",", Encoding.UTF8, "application/json"));
        using var empty = await _http.PostAsync("/api/graphql", new StringContent("{}", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, syntax);
        Assert.StartsWith("Error parsing query: Expected Name, found EOF", syntaxBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.NotNull(syntaxBody["errors"]![0]!["locations"]);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("The request is not valid JSON at line 1", (await GraphQLClient.Parse(malformed))["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.StartsWith("No query", (await GraphQLClient.Parse(empty))["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"query":"query ($path: String!) { article(where: { path: $path }) { displayText } }","variables":{"path":"a","path":"b"}}""")]
    [InlineData("""{"query":"query ($w: FAQWhereInput) { faq(where: $w) { displayText } }","variables":{"w":{"category":"a","category":"general"}}}""")]
    [InlineData("""{"query":"{ faqCount }","extensions":{"a":1,"a":2}}""")]
    [InlineData("""{"query":"{ faqCount }","variables":{"\u00e9t\u00e9":1,"été":2}}""")]
    public async Task A_key_given_twice_in_the_variables_or_extensions_is_400(string body)
    {
        for (var i = 0; i < 2; i++) // the second time with the document cached
        {
            using var response = await _http.PostAsync("/api/graphql", new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("The request's variables or extensions name a key twice in one object; send each key once.",
                (await GraphQLClient.Parse(response))["errors"]![0]!["message"]!.GetValue<string>());
        }
    }

    [Theory]
    [InlineData("""{"query":"query ($path: String!) { article(where: { path: $path }) { displayText } }","variables":{"path":"a","zz":1e400}}""")]
    [InlineData("""{"query":"query ($n: Float) { faqCount }","variables":{"n":-1e400}}""")]
    public async Task A_number_beyond_a_double_in_the_variables_is_400_with_the_response_cache_on(string body)
    {
        for (var i = 0; i < 2; i++)
        {
            using var response = await _http.PostAsync("/api/graphql", new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("A variable holds a number beyond the range of a double (such as 1e400).",
                (await GraphQLClient.Parse(response))["errors"]![0]!["message"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task A_key_given_twice_in_the_variables_of_a_get_is_400()
    {
        var variables = Uri.EscapeDataString("""{"c":"a","c":"general"}""");
        using var response = await _http.GetAsync($"/api/graphql?query={Uri.EscapeDataString("query ($c: String) { faq(where: { category: $c }) { displayText } }")}&variables={variables}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("name a key twice", (await GraphQLClient.Parse(response))["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_oversized_body_is_413()
    {
        var query = "{ faq { displayText } }" + new string(' ', 5000);

        var (status, body) = await _graphql.PostAsync(query);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("The request body is larger than 4096 bytes.", body["errors"]![0]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_body_sent_without_a_length_is_read_up_to_the_limit_and_no_further()
    {
        using var http = _app.CreateClient();
        var fits = await http.PostAsync("/api/graphql", Streamed("{\"query\": \"{ faqCount }\"" + new string(' ', 4000) + "}"));
        var tooLarge = await http.PostAsync("/api/graphql", Streamed("{\"query\": \"{ faqCount }\"" + new string(' ', 5000) + "}"));

        Assert.Equal(HttpStatusCode.OK, fits.StatusCode);
        Assert.True((await GraphQLClient.Parse(fits))["data"]!["faqCount"]!.GetValue<int>() > 0);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
    }

    // No Content-Length: the server learns the size only by reading.
    private static StreamContent Streamed(string json)
    {
        var content = new StreamContent(new UnseekableStream(System.Text.Encoding.UTF8.GetBytes(json)));
        content.Headers.ContentType = new("application/json");
        return content;
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task Asking_for_more_than_the_maximum_is_a_validation_error_in_the_query_or_in_a_variable()
    {
        var (literal, literalBody) = await _graphql.PostAsync("{ faq(first: 100000) { displayText } }");
        var (variable, _) = await _graphql.PostAsync("query ($n: Int) { faq(first: $n) { displayText } }", new { n = 1001 });
        var (allowed, _) = await _graphql.PostAsync("query ($n: Int) { faq(first: $n) { displayText } }", new { n = 1000 });

        Assert.Equal(HttpStatusCode.BadRequest, literal);
        Assert.Equal("first is 100000; the most a query may ask for is 1000.", literalBody["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, variable);
        Assert.Equal(HttpStatusCode.OK, allowed);
    }

    [Fact]
    public async Task A_negative_first_or_skip_is_a_validation_error_in_the_query_or_in_a_variable()
    {
        var (first, firstBody) = await _graphql.PostAsync("{ faq(first: -1) { displayText } }");
        var (skip, skipBody) = await _graphql.PostAsync("query ($s: Int) { faq(skip: $s) { displayText } }", new { s = -5 });
        var (huge, hugeBody) = await _graphql.PostAsync("{ faq(skip: -99999999999) { displayText } }");
        var (zero, _) = await _graphql.PostAsync("query ($s: Int) { faq(first: 0, skip: $s) { displayText } }", new { s = 0 });
        var (byDefault, byDefaultBody) = await _graphql.PostAsync("query ($s: Int = -1) { faq(skip: $s, first: 2) { displayText } }");
        var (lastDefault, _) = await _graphql.PostAsync("query ($n: Int! = -3) { faq(first: $n) { displayText } }");

        Assert.Equal(HttpStatusCode.BadRequest, first);
        Assert.Equal("first is -1; it must be 0 or more.", firstBody["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, skip);
        Assert.Equal("skip is -5; it must be 0 or more.", skipBody["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, huge);
        Assert.Contains("-99999999999", hugeBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, zero);
        Assert.Equal(HttpStatusCode.BadRequest, byDefault);
        Assert.Equal("skip is -1; it must be 0 or more.", byDefaultBody["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, lastDefault);
    }

    [Fact]
    public async Task Deep_nesting_is_refused()
    {
        var query = new StringBuilder("{ treatmentOverview { ");
        for (var i = 0; i < 30; i++)
        {
            query.Append("faqs { contentItems { ... on FAQ { relatedTreatment { contentItems { ... on TreatmentOverview { ");
        }
        query.Append("displayText").Append(new string('}', 30 * 6)).Append(" } }");

        var (status, body) = await _graphql.PostAsync(query.ToString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(body["errors"]![0]!["message"]!.GetValue<string>(), "depth|complex"), body.ToJsonString());
    }

    [Fact]
    public async Task Injection_strings_in_where_values_are_only_values()
    {
        var data = await _graphql.DataAsync("""
            { a: faq(where: { displayText: "x' OR 1=1 --" }) { displayText }
              b: faq(where: { displayText_contains: "'; DROP TABLE ContentItemVersions; --" }) { displayText }
              c: faq(where: { category_in: ["general\" OR \"1\"=\"1"] }) { displayText } }
            """);

        Assert.Empty(data["a"]!.AsArray());
        Assert.Empty(data["b"]!.AsArray());
        Assert.Empty(data["c"]!.AsArray());
        Assert.Equal(9, await _app.InScopeAsync(sp => sp.GetRequiredService<ClinicCmsDbContext>().ContentItems.CountAsync()));
    }

    [Fact]
    public async Task Graphiqls_introspection_query_passes_the_limits()
    {
        var data = await _graphql.DataAsync(IntrospectionQuery.Text);

        var types = data["__schema"]!["types"]!.AsArray().Select(t => t!["name"]!.GetValue<string>()).ToList();
        Assert.Contains("Article", types);
        Assert.Contains("FAQWhereInput", types);
    }
}

public sealed class ProductionErrorTests
{
    [Fact]
    public async Task Outside_development_errors_carry_no_exception_details()
    {
        await using var app = new ClinicCmsApp(environment: "Production");
        var graphql = new GraphQLClient(app.CreateClient());
        var deep = string.Concat(Enumerable.Repeat("faqs { contentItems { ... on FAQ { relatedTreatment { contentItems { ... on TreatmentOverview { ", 30));

        var (status, body) = await graphql.PostAsync("{ treatmentOverview { " + deep + "displayText" + new string('}', 30 * 6) + " } }");

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, status);
        Assert.StartsWith("The query is nested too deeply", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["errors"]![0]!["extensions"]!["details"]);
    }
}
