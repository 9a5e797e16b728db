using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Tests.GraphQL;

/// <summary>Posts GraphQL over real HTTP and hands back the status and the parsed answer.</summary>
public sealed class GraphQLClient(HttpClient http)
{
    public async Task<(HttpStatusCode Status, JsonObject Body)> PostAsync(string query, object? variables = null)
    {
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query, variables });
        return (response.StatusCode, (await Parse(response)).AsObject());
    }

    /// <summary>A query that must succeed; returns its data.</summary>
    public async Task<JsonObject> DataAsync(string query, object? variables = null)
    {
        var (status, body) = await PostAsync(query, variables);
        Assert.True(status == HttpStatusCode.OK && body["errors"] is null, $"{status}: {body.ToJsonString()}");
        return body["data"]!.AsObject();
    }

    public static async Task<JsonNode> Parse(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("empty answer");
}
