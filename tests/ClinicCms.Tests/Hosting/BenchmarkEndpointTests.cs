using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Hosting;

/// <summary>The benchmark's endpoints, on only with ClinicCms:Benchmark:LimitEndpoint (never outside a benchmark).</summary>
public sealed class BenchmarkEndpointTests
{
    [Fact]
    public async Task The_limit_answers_the_stored_bytes_and_runtime_tells_what_the_process_has_done()
    {
        await using var app = new ClinicCmsApp(settings: new Dictionary<string, string> { ["ClinicCms:Benchmark:LimitEndpoint"] = "true" });
        using var client = app.CreateClient();
        var stored = "{\"data\":{\"articleCount\":3}}";

        var put = await client.PutAsync("/bench/limit/Q1", new StringContent(stored, Encoding.UTF8));
        var limit = await client.PostAsync("/bench/limit/Q1", new StringContent("{\"query\":\"{ articleCount }\"}", Encoding.UTF8, "application/json"));
        var unknown = await client.PostAsync("/bench/limit/Q9", new StringContent("{}", Encoding.UTF8, "application/json"));
        var runtime = await client.GetAsync("/bench/runtime");

        Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
        Assert.Equal(stored, await limit.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.OK, runtime.StatusCode);
        var figures = JsonNode.Parse(await runtime.Content.ReadAsStringAsync())!;
        // The host's own start compiled methods and took processor time; its heap holds at least the host.
        Assert.True(figures["compiledMethods"]!.GetValue<long>() > 0);
        Assert.True(figures["cpuMilliseconds"]!.GetValue<double>() > 0);
        Assert.True(figures["gcHeapBytes"]!.GetValue<long>() > 0);
        Assert.True(figures["gcCommittedBytes"]!.GetValue<long>() > 0);
        Assert.True(figures["assemblies"]!.GetValue<int>() > 0);
        // SQLite's own memory on a SQLite site; on PostgreSQL nothing to tell (asking SQLite there failed the request).
        if (ServiceRequirement.OnPostgres)
        {
            Assert.Null(figures["sqliteBytes"]);
        }
        else
        {
            Assert.True(figures["sqliteBytes"]!.GetValue<long>() >= 0);
        }
    }
}
