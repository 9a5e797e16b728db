using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicCms.Web.ScaleOut;

/// <summary>Serializes migrations and setup across instances. Without Redis the database's own locks suffice for one host.</summary>
public interface ISetupLock
{
    Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken);
}

public sealed class LocalSetupLock : ISetupLock
{
    public Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken) => Task.FromResult<IAsyncDisposable>(new Released());

    private sealed class Released : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>A Redis lock (SET NX with an expiry, released only by its holder) around migrations and setup.</summary>
public sealed class RedisSetupLock(IConnectionMultiplexer redis, IOptions<RedisOptions> options) : ISetupLock
{
    private static readonly TimeSpan Expiry = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(5);

    public async Task<IAsyncDisposable> AcquireAsync(CancellationToken cancellationToken)
    {
        var key = (RedisKey)(options.Value.KeyPrefix + "lock:setup");
        var token = (RedisValue)Guid.NewGuid().ToString("N");
        var database = redis.GetDatabase();
        var giveUp = DateTime.UtcNow + Patience;
        while (!await database.LockTakeAsync(key, token, Expiry))
        {
            if (DateTime.UtcNow > giveUp)
            {
                throw new TimeoutException("Another instance has held the setup lock for five minutes.");
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
