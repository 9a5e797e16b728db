using System.Collections.Concurrent;
using ClinicCms.Content.Changes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// Finished GraphQL responses, as the bytes sent, by normalized query, variables, operation name and the caller's
/// permission key. Each entry records what it read (<see cref="ReadDependencies"/>): an item change (here, or
/// announced by another instance) evicts only the entries that read its type or looked the item up; a definitions,
/// roles, access or settings change empties the cache. Entries also expire, for writers that announce nothing (a
/// command-line recipe run against a running site). Bounded by the bytes it holds.
/// </summary>
public sealed class ResponseCache : IContentChangeListener, IDisposable
{
    // Past this many item tokens (distinct items looked up), the cache starts over rather than grow.
    private const int MaxItemTokens = 100_000;

    private readonly MemoryCache _entries;
    private readonly GraphQLOptions _options;
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _typeTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, CancellationTokenSource> _itemTokens = new(StringComparer.Ordinal);
    private CancellationTokenSource _anyType = new();
    private CancellationTokenSource _anyItem = new();
    private long _changes;

    public ResponseCache(IOptions<GraphQLOptions> options)
    {
        _options = options.Value;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.ResponseCacheSizeBytes) });
    }

    public bool Enabled => _options.ResponseCacheEnabled;

    public sealed record Entry(byte[] Body, string ETag);

    /// <summary>
    /// Where a request's answer is kept. <see cref="ChangeCount"/> is read before the query runs: an answer is not
    /// kept when a change was announced meanwhile, as it may have been read before that change.
    /// </summary>
    public readonly record struct Slot(string Key, string NormalizedQuery, long ChangeCount);

    /// <summary>How many changes were announced so far; read before anything the answer depends on, the caller's rights included.</summary>
    public long ChangeCount => Interlocked.Read(ref _changes);

    /// <summary>
    /// The request's slot, or null when the cache is off. <paramref name="requestKey"/> is the request's
    /// <see cref="RequestKey"/>; <paramref name="changes"/> is <see cref="ChangeCount"/> as read before the caller's rights were.
    /// </summary>
    public Slot? SlotFor(string requestKey, string normalizedQuery, string permissionKey, long changes) =>
        Enabled ? new Slot(string.Concat(permissionKey, "\u001f", requestKey), normalizedQuery, changes) : null;

    /// <summary>What the request alone puts in a slot's key; the caller's permission key goes in front of it.</summary>
    public static string RequestKey(string normalizedQuery, string? variables, string? operationName) =>
        string.Join('\u001f', operationName ?? "", variables ?? "", normalizedQuery);

    public Entry? Find(Slot slot) => _entries.TryGetValue(slot.Key, out Entry? entry) ? entry : null;

    /// <param name="items">The items the answer looked up; null when unknown (then any item change evicts it).</param>
    public void Add(Slot slot, Entry entry, ReadDependencies dependencies, IReadOnlyCollection<string>? items)
    {
        if (entry.Body.Length > _options.ResponseCacheSizeBytes / 16 || Interlocked.Read(ref _changes) != slot.ChangeCount)
        {
            return; // one huge answer should not push out the working set; a changed site may have changed this answer
        }
        if (items is { Count: > 0 } && _itemTokens.Count + items.Count > MaxItemTokens)
        {
            // Lookups of ever new ids (any caller can send them) must not grow the tokens while nothing changes.
            Empty();
            return;
        }
        var options = new MemoryCacheEntryOptions
        {
            Size = entry.Body.Length + slot.Key.Length * sizeof(char),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(1, _options.ResponseCacheSeconds)),
        };
        if (dependencies.AllTypes || items is null)
        {
            options.ExpirationTokens.Add(new CancellationChangeToken(Volatile.Read(ref _anyType).Token));
        }
        else
        {
            foreach (var type in dependencies.Types)
            {
                options.ExpirationTokens.Add(new CancellationChangeToken(_typeTokens.GetOrAdd(type, _ => new()).Token));
            }
            foreach (var item in items)
            {
                options.ExpirationTokens.Add(new CancellationChangeToken(_itemTokens.GetOrAdd(item, _ => new()).Token));
            }
            if (items.Count > 0)
            {
                options.ExpirationTokens.Add(new CancellationChangeToken(Volatile.Read(ref _anyItem).Token));
            }
        }
        _entries.Set(slot.Key, entry, options);
        if (Interlocked.Read(ref _changes) != slot.ChangeCount)
        {
            _entries.Remove(slot.Key); // a change came between the check and the tokens
        }
    }

    public void OnChanged(IReadOnlyList<ContentChange> changes, bool local)
    {
        Interlocked.Increment(ref _changes);
        if (changes.Any(c => !c.IsItemChange))
        {
            Empty();
            return;
        }
        var anyItem = false;
        foreach (var change in changes)
        {
            if (change.ContentType is null)
            {
                Empty();
                return;
            }
            Evict(_typeTokens, change.ContentType);
            if (change.ContentItemId is { } item)
            {
                Evict(_itemTokens, item);
            }
            else
            {
                anyItem = true; // a summary of many items of the type: any lookup may be one of them
            }
        }
        Evict(ref _anyType);
        if (anyItem)
        {
            Evict(ref _anyItem);
        }
        Interlocked.Increment(ref _changes);
    }

    public static string ETagOf(byte[] body) =>
        $"\"{Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(body))}\"";

    private void Empty()
    {
        _entries.Clear();
        foreach (var key in _itemTokens.Keys)
        {
            Evict(_itemTokens, key);
        }
        foreach (var key in _typeTokens.Keys)
        {
            Evict(_typeTokens, key);
        }
        Evict(ref _anyType);
        Evict(ref _anyItem);
        Interlocked.Increment(ref _changes);
    }

    private static void Evict(ConcurrentDictionary<string, CancellationTokenSource> tokens, string key)
    {
        if (tokens.TryRemove(key, out var source))
        {
            source.Cancel(); // not disposed: a request may be reading its token right now
        }
    }

    private static void Evict(ref CancellationTokenSource token)
    {
        var old = Interlocked.Exchange(ref token, new CancellationTokenSource());
        old.Cancel();
    }

    public void Dispose()
    {
        _entries.Dispose();
        _anyType.Dispose();
        _anyItem.Dispose();
    }
}
