using System.Text.Json.Nodes;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace ClinicCms.Content.Reading;

/// <summary>
/// Parsed parts of stored versions, by row id and concurrency stamp. Every write that changes a row's parts gives it
/// a new stamp, so an entry never goes stale: a changed row simply misses, here or in any other instance. Reading the
/// JSON column and parsing it took a quarter of an uncached list query.
/// The parsed trees are shared by concurrent requests, so they are built in full before they are shared (JsonNode
/// reads lazily) and readers only ever read them.
/// </summary>
public sealed class PartsCache(IOptions<ContentReadOptions> options) : IDisposable
{
    private readonly MemoryCache _parts = new(new MemoryCacheOptions { SizeLimit = Math.Max(1, options.Value.PartsCacheSizeBytes) });
    private readonly bool _enabled = options.Value.PartsCacheSizeBytes > 0;

    public bool TryGet(long rowId, string stamp, out JsonObject parts)
    {
        if (_enabled && _parts.TryGetValue(rowId, out Entry? entry) && entry!.Stamp == stamp)
        {
            parts = entry.Parts;
            return true;
        }
        parts = null!;
        return false;
    }

    public JsonObject Add(long rowId, string stamp, string json)
    {
        var parts = JsonNode.Parse(json) as JsonObject ?? [];
        if (_enabled)
        {
            Build(parts);
            // Roughly what a parsed tree takes: the UTF-8 text it keeps plus its nodes.
            _parts.Set(rowId, new Entry(stamp, parts), new MemoryCacheEntryOptions { Size = json.Length * 3L + 256 });
        }
        return parts;
    }

    private static void Build(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (_, child) in obj)
                {
                    Build(child);
                }
                break;
            case JsonArray array:
                foreach (var child in array)
                {
                    Build(child);
                }
                break;
        }
    }

    public void Dispose() => _parts.Dispose();

    private sealed record Entry(string Stamp, JsonObject Parts);
}
