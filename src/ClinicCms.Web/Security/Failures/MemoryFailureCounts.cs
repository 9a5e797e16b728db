using System.Collections.Concurrent;

namespace ClinicCms.Web.Security.Failures;

/// <summary>Failure counts of one instance.</summary>
public sealed class MemoryFailureCounts(TimeProvider clock) : IFailureCounts
{
    // Keys come from addresses and client ids the callers choose: memory stays bounded. Filling it takes this many
    // failed requests from as many addresses within one window, an attacker who could guess from each of them anyway.
    internal const int MaxKeys = 100_000;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long Count, DateTimeOffset Ends);

    public Task<long> AddAsync(string key, TimeSpan window, long amount = 1)
    {
        var now = clock.GetUtcNow();
        if (_entries.Count >= MaxKeys && !_entries.ContainsKey(key) && !Sweep(now))
        {
            _entries.Clear();
        }
        var entry = _entries.AddOrUpdate(key,
            _ => new Entry(Math.Max(0, amount), now + window),
            (_, old) => old.Ends <= now ? new Entry(Math.Max(0, amount), now + window) : old with { Count = Math.Max(0, old.Count + amount) });
        return Task.FromResult(entry.Count);
    }

    public Task<(long Count, TimeSpan Remaining)> GetAsync(string key)
    {
        var now = clock.GetUtcNow();
        return Task.FromResult(_entries.TryGetValue(key, out var entry) && entry.Ends > now ? (entry.Count, entry.Ends - now) : (0L, TimeSpan.Zero));
    }

    public Task ClearAsync(string key)
    {
        _entries.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    // True when the sweep made room.
    private bool Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.Ends <= now)
            {
                _entries.TryRemove(key, out _);
            }
        }
        return _entries.Count < MaxKeys;
    }
}
