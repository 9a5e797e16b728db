using System.Collections.Concurrent;

namespace ClinicCms.Web.Hosting;

/// <summary>
/// For the GraphQL benchmark only (ClinicCms:Benchmark:LimitEndpoint): the host's own limit. PUT stores a response
/// under a name; POST reads and drops the request body as /api/graphql would, then answers those exact bytes from
/// memory. The benchmark reports each query's throughput as a share of this one's. Never on outside a benchmark.
/// </summary>
public static class BenchmarkLimitEndpoint
{
    public const string Setting = "ClinicCms:Benchmark:LimitEndpoint";

    public static IEndpointRouteBuilder MapClinicCmsBenchmarkLimit(this IEndpointRouteBuilder endpoints, IConfiguration configuration)
    {
        if (!configuration.GetValue<bool>(Setting))
        {
            return endpoints;
        }
        var responses = new ConcurrentDictionary<string, byte[]>(StringComparer.Ordinal);
        endpoints.MapPut("/bench/limit/{name}", async (string name, HttpRequest request) =>
        {
            using var body = new MemoryStream();
            await request.Body.CopyToAsync(body);
            responses[name] = body.ToArray();
            return Results.NoContent();
        }).DisableAntiforgery();
        endpoints.MapPost("/bench/limit/{name}", async (string name, HttpContext http) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body, http.RequestAborted);
            if (!responses.TryGetValue(name, out var response))
            {
                http.Response.StatusCode = StatusCodes.Status404NotFound;
                return;
            }
            http.Response.ContentType = "application/json; charset=utf-8";
            http.Response.ContentLength = response.Length;
            await http.Response.Body.WriteAsync(response, http.RequestAborted);
        }).DisableAntiforgery();
        return endpoints;
    }
}
