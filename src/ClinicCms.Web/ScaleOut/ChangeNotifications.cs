using ClinicCms.Content.Store;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicCms.Web.ScaleOut;

/// <summary>
/// Carries "definitions, content or roles changed" between instances over Redis pub/sub, so every instance drops
/// what it cached at once instead of at its next once-a-second check.
/// </summary>
public sealed class ChangeNotifications(IConnectionMultiplexer redis, ContentChangeSignal signal, IOptions<RedisOptions> options, ILogger<ChangeNotifications> logger)
    : IHostedService
{
    private readonly string _instance = Guid.NewGuid().ToString("N");
    private RedisChannel Channel => RedisChannel.Literal(options.Value.KeyPrefix + "changes");

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        signal.Changed += Publish;
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        signal.Changed -= Publish;
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }

    private void Publish(ChangeKind kind, bool local)
    {
        if (!local)
        {
            return; // a change that came from another instance is not sent back
        }
        try
        {
            redis.GetSubscriber().Publish(Channel, $"{_instance}|{kind}", CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Could not announce a change over Redis; other instances see it at their next check");
        }
    }

    private void Receive(RedisValue message)
    {
        var parts = message.ToString().Split('|', 2);
        if (parts.Length == 2 && parts[0] != _instance && Enum.TryParse<ChangeKind>(parts[1], out var kind))
        {
            signal.Notify(kind, local: false);
        }
    }
}
