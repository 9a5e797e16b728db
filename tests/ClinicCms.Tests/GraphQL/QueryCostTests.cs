using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>One site in Production for the queries that try to make the server work hard or answer at length.</summary>
public sealed class QueryCostSite : IAsyncLifetime
{
    public ClinicCmsApp App { get; } = new(environment: "Production");

    public ValueTask InitializeAsync()
    {
        _ = App.Services;
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync() => App.DisposeAsync();
}

/// <summary>Bodies under the size limit still cost little: the token limit comes before parsing, introspection is bounded, mutations are refused.</summary>
public sealed class QueryCostTests(QueryCostSite site) : IClassFixture<QueryCostSite>
{
    [Fact]
    public async Task A_query_with_thousands_of_aliases_is_refused_by_the_token_limit_with_a_short_answer()
    {
        // Malformed (a brace never closed, a stray token) and near the 128 KB body limit: 8,500 aliases.
        var malformed = new StringBuilder("{ ");
        for (var i = 0; i < 8500; i++)
        {
            malformed.Append('a').Append(i).Append(":faqCount ");
        }
        malformed.Append("faq(where: { displayText: ) ");
        // Valid, with only names and punctuation.
        var valid = new StringBuilder("{ ");
        for (var i = 0; i < 8000; i++)
        {
            valid.Append('b').Append(i).Append(":faqCount ");
        }
        valid.Append('}');

        foreach (var query in new[] { malformed.ToString(), valid.ToString() })
        {
            Assert.InRange(query.Length, 100_000, 128 * 1024 - 20);
            var (status, body, length) = await PostAsync(query);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Equal("The query has more than 2000 tokens, the most this server parses (ClinicCms:GraphQL:MaxTokens).", body["errors"]![0]!["message"]!.GetValue<string>());
            Assert.True(length < 1000, $"{length} bytes");
        }
    }

    [Fact]
    public async Task Variables_count_toward_the_token_limit_and_hold_no_string_longer_than_a_line()
    {
        using var http = site.App.CreateClient();
        var client = new GraphQLClient(http);
        const string Query = "query($w: FAQWhereInput) { faq(where: $w) { displayText } }";
        // 280 ANDs of 40 values each: a few KB of query, minutes of SQL.
        var wide = new { AND = Enumerable.Range(0, 280).Select(i => new { displayText_not_in = Enumerable.Range(0, 40).Select(j => $"v{i}-{j}").ToArray() }).ToArray() };
        var longText = new { displayText_contains = new string('x', ClinicCms.GraphQL.Execution.QueryPrecheck.MaxLineLength + 1) };
        var fine = new { displayText_in = Enumerable.Range(0, 200).Select(i => $"v{i}").ToArray() };

        var (wideStatus, wideBody) = await client.PostAsync(Query, new { w = wide });
        var (longStatus, longBody) = await client.PostAsync(Query, new { w = longText });
        var (fineStatus, _) = await client.PostAsync(Query, new { w = fine });

        Assert.Equal(HttpStatusCode.BadRequest, wideStatus);
        Assert.Contains("ClinicCms:GraphQL:MaxTokens", wideBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, longStatus);
        Assert.Contains("longer than 4096 characters", longBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fineStatus);
    }

    [Fact]
    public async Task Long_lines_are_refused_or_parsed_in_short_lines_and_errors_keep_their_place()
    {
        var longString = "{ faq(where: { displayText: \"" + new string('x', 100_000) + "\" }) ) }";
        var oneLine = "{ " + string.Concat(Enumerable.Range(0, 600).Select(i => $"a{i}:faqCount ")) + "faq(where: { displayText: ) ";
        var deep = "{ " + string.Concat(Enumerable.Repeat("faq {   ", 200)) + new string('}', 201);

        var (longStatus, longBody, longLength) = await PostAsync(longString);
        var (oneLineStatus, oneLineBody, oneLineLength) = await PostAsync(oneLine);
        var (deepStatus, deepBody, _) = await PostAsync(deep);

        Assert.Equal(HttpStatusCode.BadRequest, longStatus);
        Assert.StartsWith("The query has a string value or comment longer than 4096 characters", longBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(longLength < 1000, $"{longLength} bytes");
        Assert.Equal(HttpStatusCode.BadRequest, oneLineStatus);
        var error = oneLineBody["errors"]![0]!;
        Assert.Equal("Error parsing query: Unexpected )", error["message"]!.GetValue<string>());
        Assert.Equal(1, error["locations"]![0]!["line"]!.GetValue<int>());
        Assert.Equal(oneLine.IndexOf(')', StringComparison.Ordinal) + 1, error["locations"]![0]!["column"]!.GetValue<int>());
        Assert.True(oneLineLength < 1000, $"{oneLineLength} bytes");
        Assert.Equal(HttpStatusCode.BadRequest, deepStatus);
        Assert.StartsWith("The query is nested too deeply", deepBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Aliased_introspection_is_refused_and_one_schema_query_still_runs()
    {
        var aliased = "{ " + string.Concat(Enumerable.Range(0, 200).Select(i => $"s{i}: __schema {{ types {{ name }} }} ")) + "}";
        var nested = "{ __type(name: \"Query\") { " + string.Concat(Enumerable.Repeat("fields { type { ofType { ", 8)) + "name" + string.Concat(Enumerable.Repeat(" } } }", 8)) + " } }";

        var (status, body, length) = await PostAsync(aliased);
        var (nestedStatus, nestedBody, _) = await PostAsync(nested);
        var (one, oneBody, _) = await PostAsync(IntrospectionQuery.Text);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("A request may ask for __schema once; it already holds the whole schema.", body["errors"]![0]!["message"]!.GetValue<string>());
        Assert.True(length < 10_000, $"{length} bytes");
        Assert.Equal(HttpStatusCode.BadRequest, nestedStatus);
        Assert.Contains("complex", nestedBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.OK, one);
        Assert.NotEmpty(oneBody["data"]!["__schema"]!["types"]!.AsArray());
    }

    [Fact]
    public async Task Mutations_and_subscriptions_are_400_read_only()
    {
        foreach (var operation in new[] { "mutation { faqCount }", "subscription S { faqCount }", "mutation { createArticle(title: \"x\") { id } }" })
        {
            var (status, body, _) = await PostAsync(operation);

            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.True(body["errors"]![0]!["message"]!.GetValue<string>().Contains("read-only", StringComparison.Ordinal), body.ToJsonString());
            Assert.DoesNotContain("   at ", body.ToJsonString(), StringComparison.Ordinal);
        }
    }

    private async Task<(HttpStatusCode Status, JsonObject Body, int Length)> PostAsync(string query)
    {
        using var http = site.App.CreateClient();
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query });
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonNode.Parse(text)!.AsObject(), Encoding.UTF8.GetByteCount(text));
    }
}
