using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;

namespace ClinicCms.Content.Reading;

/// <summary>
/// Parsed parts of stored versions, by row id and concurrency stamp. Every write that changes a row's parts gives it
/// a new stamp, so an entry never goes stale: a changed row simply misses, here or in any other instance. Reading the
/// JSON column and parsing it took a quarter of an uncached list query.
/// The parsed trees are shared by concurrent requests, so they are built in full before they are shared (JsonNode
/// reads lazily) and readers only ever read them.
/// </summary>
/// <remarks>
/// Bounded by an estimate of its size; past it, the entries least recently read go first. A read marks its entry with
/// the number of trims so far rather than a time (so all entries read since the last trim count as equally recent):
/// a hit is a dictionary lookup, which matters because a list reads every item of its page through here.
/// </remarks>
public sealed class PartsCache(IOptions<ContentReadOptions> options)
{
    private readonly ConcurrentDictionary<long, Entry> _parts = new();
    private readonly long _limit = options.Value.PartsCacheSizeBytes;
    private readonly Lock _trimming = new();
    private long _size;
    private int _trims;

    public bool TryGet(long rowId, string stamp, out JsonObject parts)
    {
        if (_parts.TryGetValue(rowId, out var entry) && entry.Stamp == stamp)
        {
            // Written only when it moves, so that readers on several cores do not keep writing one popular entry.
            var trims = _trims;
            if (entry.LastRead != trims)
            {
                entry.LastRead = trims;
            }
            parts = entry.Parts;
            return true;
        }
        parts = null!;
        return false;
    }

    public JsonObject Add(long rowId, string stamp, string json)
    {
        var parts = JsonNode.Parse(json) as JsonObject ?? [];
        // Roughly what a parsed tree takes: the UTF-8 text it keeps plus its nodes.
        var size = json.Length * 3L + 256;
        if (size <= _limit)
        {
            Build(parts);
            Put(rowId, new Entry(stamp, parts, size) { LastRead = _trims });
        }
        return parts;
    }

    private void Put(long rowId, Entry entry)
    {
        while (true)
        {
            if (_parts.TryGetValue(rowId, out var old))
            {
                if (_parts.TryUpdate(rowId, entry, old))
                {
                    Interlocked.Add(ref _size, entry.Size - old.Size);
                    break;
                }
            }
            else if (_parts.TryAdd(rowId, entry))
            {
                Interlocked.Add(ref _size, entry.Size);
                break;
            }
        }
        if (Volatile.Read(ref _size) > _limit)
        {
            Trim();
        }
    }

    // Down to nine tenths of the limit, least recently read first, so that the next trim is some reads away. One trim
    // at a time: a request that finds one running goes on, and the running one looks again once it is done, so entries
    // added meanwhile are counted.
    private void Trim()
    {
        while (Volatile.Read(ref _size) > _limit && _trimming.TryEnter())
        {
            try
            {
                TrimOnce();
            }
            finally
            {
                _trimming.Exit();
            }
        }
    }

    private void TrimOnce()
    {
        if (Volatile.Read(ref _size) <= _limit)
        {
            return; // the trim before this one got there
        }
        var entries = _parts.ToArray();
        // Sorted on a copy of the marks: readers may move them meanwhile.
        Array.Sort(Array.ConvertAll(entries, e => e.Value.LastRead), entries);
        var target = _limit / 10 * 9;
        foreach (var pair in entries)
        {
            if (Volatile.Read(ref _size) <= target)
            {
                break;
            }
            if (_parts.TryRemove(pair))
            {
                Interlocked.Add(ref _size, -pair.Value.Size);
            }
        }
        _trims++;
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

    private sealed class Entry(string stamp, JsonObject parts, long size)
    {
        public string Stamp { get; } = stamp;

        public JsonObject Parts { get; } = parts;

        public long Size { get; } = size;

        public int LastRead { get; set; }
    }
}
