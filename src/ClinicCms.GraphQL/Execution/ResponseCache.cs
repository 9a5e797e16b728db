using System.Collections.Concurrent;
using ClinicCms.Content.Changes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// Finished GraphQL responses, as the bytes sent, by normalized query, variables, operation name and the caller's
/// permission key. Each entry records what it read (<see cref="ReadDependencies"/>): an item change (here, or
/// announced by another instance) evicts only the entries that read its type or looked the item up, and a change
/// that leaves the published view alone (a draft saved beside no published version) only the entries that read
/// drafts; a definitions, roles, access or settings change empties the cache. Entries also expire, for writers that announce nothing (a
/// command-line recipe run against a running site). Bounded by the bytes it holds.
/// </summary>
public sealed class ResponseCache : IContentChangeListener, IDisposable
{
    // Past this many item tokens (distinct items looked up), the cache starts over rather than grow.
    private const int MaxItemTokens = 100_000;

    private readonly MemoryCache _entries;
    private readonly GraphQLOptions _options;
    // Answers that read published versions only, and answers that read drafts: a draft-only change evicts the latter.
    private readonly Tokens _published = new();
    private readonly Tokens _drafts = new();
    private long _changes;

    public ResponseCache(IOptions<GraphQLOptions> options)
    {
        _options = options.Value;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.ResponseCacheSizeBytes) });
    }

    public bool Enabled => _options.ResponseCacheEnabled;

    /// <param name="CacheTag">The answer's Cache-Tag header (<see cref="ReadTags"/>), kept so a HIT sends it at no cost.</param>
    public sealed record Entry(byte[] Body, string ETag, string? CacheTag);

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
        if (items is { Count: > 0 } && _published.Items.Count + _drafts.Items.Count + items.Count > MaxItemTokens)
        {
            // Lookups of ever new ids (any caller can send them) must not grow the tokens while nothing changes.
            Empty();
            return;
        }
        var options = new MemoryCacheEntryOptions
        {
            Size = entry.Body.Length + (slot.Key.Length + (entry.CacheTag?.Length ?? 0)) * sizeof(char),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(1, _options.ResponseCacheSeconds)),
        };
        var tokens = dependencies.ReadsDrafts ? _drafts : _published;
        if (dependencies.AllTypes || items is null)
        {
            options.ExpirationTokens.Add(new CancellationChangeToken(Volatile.Read(ref tokens.AnyType).Token));
        }
        else
        {
            foreach (var type in dependencies.Types)
            {
                options.ExpirationTokens.Add(new CancellationChangeToken(tokens.Types.GetOrAdd(type, _ => new()).Token));
            }
            foreach (var item in items)
            {
                options.ExpirationTokens.Add(new CancellationChangeToken(tokens.Items.GetOrAdd(item, _ => new()).Token));
            }
            if (items.Count > 0)
            {
                options.ExpirationTokens.Add(new CancellationChangeToken(Volatile.Read(ref tokens.AnyItem).Token));
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
        foreach (var change in changes)
        {
            if (change.ContentType is null)
            {
                Empty();
                return;
            }
            // Published-only answers cannot see a change that leaves the published view as it was.
            _drafts.Evict(change);
            if (change.TouchesPublished)
            {
                _published.Evict(change);
            }
        }
        Interlocked.Increment(ref _changes);
    }

    public static string ETagOf(byte[] body) =>
        $"\"{Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(body))}\"";

    private void Empty()
    {
        _entries.Clear();
        _published.EvictAll();
        _drafts.EvictAll();
        Interlocked.Increment(ref _changes);
    }

    /// <summary>The tokens entries expire by: one per content type, one per looked-up item, and two for any.</summary>
    private sealed class Tokens : IDisposable
    {
        public readonly ConcurrentDictionary<string, CancellationTokenSource> Types = new(StringComparer.Ordinal);
        public readonly ConcurrentDictionary<string, CancellationTokenSource> Items = new(StringComparer.Ordinal);
        public CancellationTokenSource AnyType = new();
        public CancellationTokenSource AnyItem = new();

        public void Evict(ContentChange change)
        {
            Evict(Types, change.ContentType!);
            if (change.ContentItemId is { } item)
            {
                Evict(Items, item);
            }
            else
            {
                Evict(ref AnyItem); // a summary of many items of the type: any lookup may be one of them
            }
            Evict(ref AnyType);
        }

        public void EvictAll()
        {
            foreach (var key in Items.Keys)
            {
                Evict(Items, key);
            }
            foreach (var key in Types.Keys)
            {
                Evict(Types, key);
            }
            Evict(ref AnyType);
            Evict(ref AnyItem);
        }

        public void Dispose()
        {
            AnyType.Dispose();
            AnyItem.Dispose();
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
    }

    public void Dispose()
    {
        _entries.Dispose();
        _published.Dispose();
        _drafts.Dispose();
    }
}
