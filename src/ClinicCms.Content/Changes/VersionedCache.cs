namespace ClinicCms.Content.Changes;

/// <summary>
/// One value built from the database (parsed definitions, role permissions, settings), kept with the version of the
/// site document it was built from. A change announced in this process or by another instance over Redis moves
/// <c>stamp</c>, and the next read asks the database for the version at once; otherwise the version is checked at
/// most once per <c>pollInterval</c>, which is how a change made by another process without Redis is seen. The value
/// is rebuilt only when the version moved. Shared by all requests; concurrent misses may build twice, harmlessly.
/// </summary>
public class VersionedCache<T>(Func<long> stamp, TimeSpan pollInterval, TimeProvider clock)
    where T : class
{
    private Entry? _entry;

    private sealed record Entry(long Version, T Value, long Stamp, DateTimeOffset CheckedUtc);

    /// <summary>The cached value when nothing can have changed since the last check (no allocation on this path).</summary>
    public bool TryGetFresh(out long version, out T value)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.Stamp == stamp() && clock.GetUtcNow() - entry.CheckedUtc < pollInterval)
        {
            (version, value) = (entry.Version, entry.Value);
            return true;
        }
        (version, value) = (0, null!);
        return false;
    }

    /// <param name="readVersion">The document's version now (0 when it does not exist).</param>
    /// <param name="build">The value and the version it was read at.</param>
    public async ValueTask<(long Version, T Value)> GetAsync(
        Func<CancellationToken, Task<long>> readVersion, Func<CancellationToken, Task<(long Version, T Value)>> build, CancellationToken cancellationToken = default)
    {
        var entry = Volatile.Read(ref _entry);
        var current = stamp();
        var now = clock.GetUtcNow();
        if (entry is not null && entry.Stamp == current && now - entry.CheckedUtc < pollInterval)
        {
            return (entry.Version, entry.Value);
        }
        var version = await readVersion(cancellationToken);
        if (entry is not null && entry.Version == version)
        {
            Volatile.Write(ref _entry, entry with { Stamp = current, CheckedUtc = now });
            return (version, entry.Value);
        }
        var (builtVersion, value) = await build(cancellationToken);
        Volatile.Write(ref _entry, new Entry(builtVersion, value, current, now));
        return (builtVersion, value);
    }

    /// <summary>
    /// Like <see cref="GetAsync"/>, but always asks for the version first: for a writer inside a transaction, which
    /// must use what its transaction sees (another process may have changed the document within the poll interval).
    /// </summary>
    public async ValueTask<(long Version, T Value)> GetCheckedAsync(
        Func<CancellationToken, Task<long>> readVersion, Func<CancellationToken, Task<(long Version, T Value)>> build, CancellationToken cancellationToken = default)
    {
        var entry = Volatile.Read(ref _entry);
        var current = stamp();
        var version = await readVersion(cancellationToken);
        if (entry is not null && entry.Version == version)
        {
            return (version, entry.Value);
        }
        var (builtVersion, value) = await build(cancellationToken);
        Volatile.Write(ref _entry, new Entry(builtVersion, value, current, clock.GetUtcNow()));
        return (builtVersion, value);
    }
}
