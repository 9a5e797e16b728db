using ClinicCms.Content;
using ClinicCms.Content.Reading.Published;
using ClinicCms.Content.Store;
using ClinicCms.Web.Security.Failures;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using StackExchange.Redis;

namespace ClinicCms.Web.ScaleOut;

public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>
    /// Health checks always; with ClinicCms:Redis:Configuration, the Redis connection, the site lock, shared
    /// data-protection keys, change notifications and the failure counts of sign-ins and token requests. Returns the
    /// connection, or null when Redis is not configured.
    /// </summary>
    public static IConnectionMultiplexer? AddClinicCmsScaleOut(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<RedisOptions>(configuration.GetSection(RedisOptions.Section));
        var options = configuration.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        var health = services.AddHealthChecks().AddCheck<HealthChecks.Database>("database", tags: [HealthChecks.Ready])
            .AddCheck<Media.MediaHealthCheck>("media", tags: [HealthChecks.Ready]);
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            return null;
        }
        var redisOptions = ConfigurationOptions.Parse(options.Configuration);
        redisOptions.AbortOnConnectFail = false; // keep serving published content while Redis is away; /health/ready says so
        var redis = ConnectionMultiplexer.Connect(redisOptions);
        services.AddSingleton<IConnectionMultiplexer>(redis);
        services.Replace(ServiceDescriptor.Singleton<ISiteLock, RedisSiteLock>());
        services.Replace(ServiceDescriptor.Singleton<IFailureCounts, RedisFailureCounts>());
        services.AddContentChangeListener<ChangeNotifications>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeNotifications>());
        services.AddSingleton<IChangeFeed>(sp => sp.GetRequiredService<ChangeNotifications>());
        services.AddDataProtection().PersistKeysToStackExchangeRedis(redis, options.KeyPrefix + "data-protection-keys");
        health.AddCheck<HealthChecks.Redis>("redis", tags: [HealthChecks.Ready]);
        return redis;
    }
}
