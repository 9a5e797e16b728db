using System.Collections.Concurrent;
using ClinicCms.Content.Store;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Hosting;

/// <summary>
/// For the GraphQL benchmark only (ClinicCms:Benchmark:LimitEndpoint): the host's own limit. PUT stores a response
/// under a name; POST reads and drops the request body as /api/graphql would, then answers those exact bytes from
/// memory. The benchmark reports each query's throughput as a share of this one's. GET /bench/runtime tells what the
/// runtime has done so far (methods compiled, processor time, GC memory). Never on outside a benchmark.
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
        // What the process has spent so far: the benchmark reads it right after the first answer and after a run.
        endpoints.MapGet("/bench/runtime", (IOptions<ClinicCmsOptions> options) =>
        {
            var gc = GC.GetGCMemoryInfo();
            return Results.Json(new
            {
                compiledMethods = System.Runtime.JitInfo.GetCompiledMethodCount(),
                jitMilliseconds = System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds,
                cpuMilliseconds = Environment.CpuUsage.TotalTime.TotalMilliseconds,
                gcCommittedBytes = gc.TotalCommittedBytes,
                gcHeapBytes = gc.HeapSizeBytes,
                // SQLite's native library is not loaded on a PostgreSQL site: asking it would fail the request.
                sqliteBytes = options.Value.Database.Provider == DatabaseProvider.Sqlite ? SQLitePCL.raw.sqlite3_memory_used() : (long?)null,
                assemblies = AppDomain.CurrentDomain.GetAssemblies().Length,
            });
        });
        return endpoints;
    }
}
