using System.Net;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Web.Security.Failures;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.ScaleOut;

/// <summary>Without Redis the pool is not ready for new work, yet published content keeps being served.</summary>
public sealed class RedisOutageTests
{
    [Fact]
    public async Task Stopping_Redis_fails_readiness_on_both_instances_while_published_reads_keep_working()
    {
        await using var cluster = new ScaleOutCluster { AccessRecipe = false };
        await cluster.InitializeAsync();
        cluster.Require();
        using var a = ScaleOutCluster.Client(cluster.A);
        using var b = ScaleOutCluster.Client(cluster.B);
        Assert.Equal(HttpStatusCode.OK, (await a.GetAsync("/health/ready")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await b.GetAsync("/health/ready")).StatusCode);

        cluster.Redis.Stop();

        foreach (var instance in new[] { a, b })
        {
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await ReadinessAfterOutageAsync(instance));
            Assert.Equal(HttpStatusCode.OK, (await instance.GetAsync("/health/live")).StatusCode);
            var data = await new GraphQLClient(instance).DataAsync("{ article { displayText } faqCount }");
            Assert.Equal("How Many Ketamine Infusions Will I Need?", data["article"]![0]!["displayText"]!.GetValue<string>());
            Assert.True(data["faqCount"]!.GetValue<int>() > 0);
        }
        // Sign-in failures are still counted, on the instance itself, while Redis is away.
        var counts = cluster.A.Services.GetRequiredService<IFailureCounts>();
        await counts.AddAsync("outage-test", TimeSpan.FromMinutes(1));
        await counts.AddAsync("outage-test", TimeSpan.FromMinutes(1));
        Assert.Equal(2, (await counts.GetAsync("outage-test")).Count);
        await counts.ClearAsync("outage-test");
        Assert.Equal(0, (await counts.GetAsync("outage-test")).Count);
    }

    // The client notices a dropped connection on its next command or heartbeat; give it a few tries.
    private static async Task<HttpStatusCode> ReadinessAfterOutageAsync(HttpClient http)
    {
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 20 && status == HttpStatusCode.OK; attempt++)
        {
            status = (await http.GetAsync("/health/ready")).StatusCode;
            if (status == HttpStatusCode.OK)
            {
                await Task.Delay(250);
            }
        }
        return status;
    }
}
