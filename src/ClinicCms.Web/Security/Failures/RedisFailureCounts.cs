using ClinicCms.Web.ScaleOut;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicCms.Web.Security.Failures;

/// <summary>
/// Failure counts shared by every instance through Redis. While Redis cannot be reached the instance counts in memory,
/// so sign-ins keep working and keep being limited, per instance, until it is back. While the client knows it is not
/// connected it does not ask at all: a command would wait in its backlog for the whole timeout before failing, and a
/// sign-in asks two or three times.
/// </summary>
public sealed class RedisFailureCounts(IConnectionMultiplexer redis, IOptions<RedisOptions> options, MemoryFailureCounts fallback, ILogger<RedisFailureCounts> logger) : IFailureCounts
{
    // One round trip: the window starts with the first failure and is not moved by later ones.
    private static readonly LuaScript Add = LuaScript.Prepare("""
        local n = redis.call('INCRBY', @key, @amount)
        if n < 0 then redis.call('SET', @key, 0, 'KEEPTTL') n = 0 end
        if redis.call('PTTL', @key) < 0 then redis.call('PEXPIRE', @key, @window) end
        return n
        """);

    private static readonly LuaScript Get = LuaScript.Prepare("""
        return { tonumber(redis.call('GET', @key) or '0'), redis.call('PTTL', @key) }
        """);

    private readonly string _prefix = options.Value.KeyPrefix + "failures:";

    // 1 while the client knows it is disconnected, so that an outage is logged once when it starts and once when it ends.
    private int _down;

    private bool Connected()
    {
        var connected = redis.IsConnected;
        if (Interlocked.Exchange(ref _down, connected ? 0 : 1) == (connected ? 1 : 0))
        {
            if (connected)
            {
                logger.LogInformation("Redis is reachable again: sign-in failures are counted for every instance.");
            }
            else
            {
                logger.LogWarning("Redis is unreachable: sign-in failures are counted on this instance only until it is back.");
            }
        }
        return connected;
    }

    public async Task<long> AddAsync(string key, TimeSpan window, long amount = 1)
    {
        if (!Connected())
        {
            return await fallback.AddAsync(key, window, amount);
        }
        try
        {
            var result = await redis.GetDatabase().ScriptEvaluateAsync(Add, new { key = (RedisKey)(_prefix + key), amount, window = (long)window.TotalMilliseconds });
            return (long)result;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Redis is unreachable: failures are counted on this instance only until it is back.");
            return await fallback.AddAsync(key, window, amount);
        }
    }

    public async Task<(long Count, TimeSpan Remaining)> GetAsync(string key)
    {
        if (!Connected())
        {
            return await fallback.GetAsync(key);
        }
        try
        {
            var result = (RedisResult[])(await redis.GetDatabase().ScriptEvaluateAsync(Get, new { key = (RedisKey)(_prefix + key) }))!;
            var count = (long)result[0];
            var ttl = (long)result[1];
            return count > 0 && ttl > 0 ? (count, TimeSpan.FromMilliseconds(ttl)) : (0L, TimeSpan.Zero);
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Redis is unreachable: failures are counted on this instance only until it is back.");
            return await fallback.GetAsync(key);
        }
    }

    public async Task ClearAsync(string key)
    {
        try
        {
            if (Connected())
            {
                await redis.GetDatabase().KeyDeleteAsync(_prefix + key);
            }
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            logger.LogWarning(e, "Redis is unreachable: failures are counted on this instance only until it is back.");
        }
        await fallback.ClearAsync(key);
    }
}
