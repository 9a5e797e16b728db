using System.Collections.Concurrent;

namespace ClinicCms.Web.Media;

/// <summary>
/// Keeps the variant cache (never the originals: only files under <see cref="Root"/>) under a total size. After a
/// variant is written and the cache may be over the cap, the folder is measured and the least recently used variants
/// are deleted until it is at nine tenths of the cap. Use is the file's last access time, which serving a variant sets
/// (at most once a minute per file and instance), so every instance that shares the folder sees the same order.
/// Files being written (temporary names starting with '.') are left alone; a file another instance or request
/// deleted first is skipped, and a request that finds its variant gone makes it again.
/// </summary>
public sealed class VariantCacheCap(string root, long maxBytes, TimeProvider clock)
{
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan MeasureEvery = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _touched = new(StringComparer.Ordinal);
    private readonly object _trim = new();
    private long _estimate = -1;
    private DateTimeOffset _measured = DateTimeOffset.MinValue;

    public string Root { get; } = root;

    /// <summary>The cap in bytes; 0 or less: none.</summary>
    public long MaxBytes { get; } = maxBytes;

    /// <summary>Marks a variant as just used (a cache hit), so it is among the last to go.</summary>
    public void Touch(string file)
    {
        var now = clock.GetUtcNow();
        if (MaxBytes <= 0 || (_touched.TryGetValue(file, out var last) && now - last < TouchEvery))
        {
            return;
        }
        _touched[file] = now;
        try
        {
            File.SetLastAccessTimeUtc(file, now.UtcDateTime);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Gone meanwhile (trimmed or forgotten): there is nothing left to mark.
        }
    }

    /// <summary>Counts a variant just written (<paramref name="file"/>, kept whatever its age) and trims the cache when it may be over the cap.</summary>
    public void Added(string file, long length)
    {
        if (MaxBytes <= 0)
        {
            return;
        }
        var estimate = Interlocked.Add(ref _estimate, length);
        // Other instances write to the folder too: measure it now and then, not only when this one's count is over.
        if (estimate > MaxBytes || estimate < length || clock.GetUtcNow() - _measured > MeasureEvery)
        {
            try
            {
                Trim(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // A folder went while it was measured (its original was replaced): the next write measures again.
            }
        }
    }

    /// <summary>Measures the cache and deletes the least recently used variants, except <paramref name="keep"/>, until it is under the cap. Returns the bytes left.</summary>
    public long Trim(string? keep = null)
    {
        if (!Monitor.TryEnter(_trim))
        {
            return Interlocked.Read(ref _estimate); // a trim is running already
        }
        try
        {
            var files = Variants();
            var total = files.Sum(f => f.Length);
            if (total > MaxBytes)
            {
                var target = MaxBytes / 10 * 9;
                foreach (var (file, length, _, _) in files.OrderBy(f => f.Accessed).ThenBy(f => f.Written))
                {
                    if (total <= target)
                    {
                        break;
                    }
                    if (file.FullName == keep)
                    {
                        continue;
                    }
                    total -= Delete(file, length);
                }
            }
            Interlocked.Exchange(ref _estimate, total);
            _measured = clock.GetUtcNow();
            return total;
        }
        finally
        {
            Monitor.Exit(_trim);
        }
    }

    // Each file's size and times read once; a file another instance deletes meanwhile is left out, not an error.
    private List<(FileInfo File, long Length, DateTime Accessed, DateTime Written)> Variants()
    {
        var found = new List<(FileInfo, long, DateTime, DateTime)>();
        if (!Directory.Exists(Root))
        {
            return found;
        }
        var options = new EnumerationOptions { RecurseSubdirectories = true, IgnoreInaccessible = true, AttributesToSkip = 0 };
        try
        {
            foreach (var file in new DirectoryInfo(Root).EnumerateFiles("*", options).Where(f => !f.Name.StartsWith('.')))
            {
                try
                {
                    found.Add((file, file.Length, file.LastAccessTimeUtc, file.LastWriteTimeUtc));
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // gone since it was listed
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
            // a folder went while it was listed: what was found so far is measured
        }
        return found;
    }

    private long Delete(FileInfo file, long length)
    {
        try
        {
            file.Delete();
            _touched.TryRemove(file.FullName, out _);
            return length;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // deleted by another instance or request first, or not ours to delete
        }
    }
}
