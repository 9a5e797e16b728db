using ClinicCms.Content.Store;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// Finished GraphQL responses, as the bytes sent, by normalized query, variables, operation name, the caller's
/// permission key and the site's change stamps. Any content, definition or role change (here, or announced by
/// another instance) empties it; entries also expire, for writers that announce nothing (a command-line recipe run
/// against a running site). Bounded by the bytes it holds.
/// </summary>
public sealed class ResponseCache : IDisposable
{
    private readonly MemoryCache _entries;
    private readonly ContentChangeSignal _signal;
    private readonly GraphQLOptions _options;

    public ResponseCache(IOptions<GraphQLOptions> options, ContentChangeSignal signal)
    {
        _options = options.Value;
        _signal = signal;
        _entries = new MemoryCache(new MemoryCacheOptions { SizeLimit = Math.Max(1, _options.ResponseCacheSizeBytes) });
        _signal.Changed += Empty;
    }

    public bool Enabled => _options.ResponseCacheEnabled;

    public sealed record Entry(byte[] Body, string ETag);

    /// <summary>The cache key, or null when the cache is off. The stamps are read before running the query, so a change during it is never cached under the new state.</summary>
    public string? KeyFor(string query, string? variables, string? operationName, string permissionKey) =>
        Enabled
            ? string.Join('\u001f', _signal.ContentStamp, _signal.RolesStamp, permissionKey, operationName ?? "", variables ?? "", QueryText.Normalize(query))
            : null;

    public Entry? Find(string key) => _entries.TryGetValue(key, out Entry? entry) ? entry : null;

    public void Add(string key, Entry entry)
    {
        if (entry.Body.Length > _options.ResponseCacheSizeBytes / 16)
        {
            return; // one huge answer (an introspection of a large schema, say) should not push out the working set
        }
        _entries.Set(key, entry, new MemoryCacheEntryOptions
        {
            Size = entry.Body.Length + key.Length * sizeof(char),
            AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(Math.Max(1, _options.ResponseCacheSeconds)),
        });
    }

    public static string ETagOf(byte[] body) =>
        $"\"{Convert.ToHexStringLower(System.IO.Hashing.XxHash128.Hash(body))}\"";

    private void Empty(ChangeKind kind, bool local) => _entries.Clear();

    public void Dispose()
    {
        _signal.Changed -= Empty;
        _entries.Dispose();
    }
}
