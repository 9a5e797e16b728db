using ClinicCms.Content.Store;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicCms.Web.ScaleOut;

/// <summary>A Redis lock per name (SET NX with an expiry, released only by its holder), so instances take turns at setup and recipe runs.</summary>
public sealed class RedisSiteLock(IConnectionMultiplexer redis, IOptions<RedisOptions> options) : ISiteLock
{
    // Longer than any recipe run we expect; the expiry only frees the lock of an instance that died holding it.
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public async Task<IAsyncDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        var key = (RedisKey)(options.Value.KeyPrefix + "lock:" + name);
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        var giveUp = DateTime.UtcNow + Patience;
        while (!await database.LockTakeAsync(key, token, Expiry))
        {
            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException($"Another instance has held the '{name}' lock for {Patience.TotalMinutes} minutes.");
            }
            await Task.Delay(200, cancellationToken);
        }
        return new Holder(database, key, token);
    }

    private sealed class Holder(IDatabase database, RedisKey key, RedisValue token) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync() => await database.LockReleaseAsync(key, token);
    }
}
