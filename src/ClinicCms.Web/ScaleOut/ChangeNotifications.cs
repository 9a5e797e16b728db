using System.Text.Json;
using System.Text.Json.Serialization;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Reading.Published;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace ClinicCms.Web.ScaleOut;

/// <summary>
/// Carries committed changes between instances over Redis pub/sub, one message per transaction with each change's
/// kind, type and item, so every instance evicts what the change touched at once instead of at its next check.
/// A large import is sent as one change per type and kind, without items: the other instances evict by type.
/// As the <see cref="IChangeFeed"/> it tells readers whether messages can arrive now, and when some may have been lost.
/// </summary>
public sealed class ChangeNotifications(IConnectionMultiplexer redis, ContentChanges announcer, IOptions<RedisOptions> options, ILogger<ChangeNotifications> logger)
    : IHostedService, IContentChangeListener, IChangeFeed
{
    private const int MaxItemsPerMessage = 256;
    private static readonly JsonSerializerOptions Json = new() { Converters = { new JsonStringEnumConverter() } };

    private readonly string _instance = Guid.NewGuid().ToString("N");
    private volatile bool _subscribed;
    private long _epoch;
    private RedisChannel Channel => RedisChannel.Literal(options.Value.KeyPrefix + "changes");

    public bool IsLive => _subscribed && redis.IsConnected;

    public long Epoch => Interlocked.Read(ref _epoch);

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        redis.ConnectionFailed += OnConnectionChanged;
        redis.ConnectionRestored += OnConnectionChanged;
        await redis.GetSubscriber().SubscribeAsync(Channel, (_, message) => Receive(message));
        _subscribed = true;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _subscribed = false;
        redis.ConnectionFailed -= OnConnectionChanged;
        redis.ConnectionRestored -= OnConnectionChanged;
        await redis.GetSubscriber().UnsubscribeAsync(Channel);
    }

    // Messages sent while the connection was down are lost: whatever was read before must be checked again.
    private void OnConnectionChanged(object? sender, ConnectionFailedEventArgs e) => Interlocked.Increment(ref _epoch);

    public void OnChanged(IReadOnlyList<ContentChange> changes, bool local)
    {
        if (!local)
        {
            return; // a change that came from another instance is not sent back
        }
        try
        {
            var message = _instance + "|" + JsonSerializer.Serialize(Summarize(changes), Json);
            redis.GetSubscriber().Publish(Channel, message, CommandFlags.FireAndForget);
        }
        catch (RedisException e)
        {
            logger.LogWarning(e, "Could not announce a change over Redis; other instances see it at their next check");
        }
    }

    internal static IReadOnlyList<ContentChange> Summarize(IReadOnlyList<ContentChange> committed) =>
        committed.Count(c => c.IsItemChange) <= MaxItemsPerMessage
            ? committed
            : committed.Where(c => !c.IsItemChange).Distinct()
                .Concat(committed.Where(c => c.IsItemChange)
                    .GroupBy(c => (c.Kind, c.ContentType))
                    .Select(g => new ContentChange(g.Key.Kind, ContentType: g.Key.ContentType, WasPublished: g.Any(c => c.WasPublished), IsPublished: g.Any(c => c.IsPublished))))
                .ToList();

    private void Receive(RedisValue message)
    {
        var parts = message.ToString().Split('|', 2);
        if (parts.Length != 2 || parts[0] == _instance)
        {
            return;
        }
        try
        {
            if (JsonSerializer.Deserialize<List<ContentChange>>(parts[1], Json) is { Count: > 0 } received)
            {
                announcer.Announce(received, local: false);
            }
        }
        catch (JsonException e)
        {
            logger.LogWarning(e, "Ignored a change notification that could not be read (an instance of another version?)");
        }
    }
}
