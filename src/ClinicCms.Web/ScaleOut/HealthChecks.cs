using ClinicCms.Content.Store;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace ClinicCms.Web.ScaleOut;

/// <summary>/health/live (the process answers) and /health/ready (the database, Redis when configured, and the media folder answer).</summary>
public static class HealthChecks
{
    public const string Ready = "ready";

    public static IEndpointRouteBuilder MapClinicCmsHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready), ResponseWriter = WriteAsync });
        return endpoints;
    }

    // The status, then each failing check's reason, so an operator reads what is wrong ("media: ... disk is full").
    private static Task WriteAsync(HttpContext http, HealthReport report)
    {
        http.Response.ContentType = "text/plain; charset=utf-8";
        var problems = report.Entries.Where(e => e.Value.Status != HealthStatus.Healthy).Select(e => $"\n{e.Key}: {e.Value.Description}");
        return http.Response.WriteAsync(report.Status + string.Concat(problems));
    }

    public sealed class Database(IServiceScopeFactory scopes) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            await using var scope = scopes.CreateAsyncScope();
            return await scope.ServiceProvider.GetRequiredService<ClinicCmsDbContext>().Database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("The database does not answer.");
        }
    }

    public sealed class Redis(IConnectionMultiplexer redis) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy("Redis does not answer.", e);
            }
        }
    }
}
