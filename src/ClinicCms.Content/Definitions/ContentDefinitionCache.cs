namespace ClinicCms.Content.Definitions;

/// <summary>
/// The last parsed definitions document, its version, and when that version was last confirmed (a singleton shared by
/// all requests). A change made in this process is signalled at once; one made by another process is seen by the
/// next check, at most a second later.
/// </summary>
public sealed class ContentDefinitionCache
{
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    private Entry? _entry;

    private sealed record Entry(long Version, ContentDefinitionRecord Record, long Stamp, DateTimeOffset CheckedUtc);

    /// <summary>The cached definitions when nothing can have changed since the last check.</summary>
    public bool TryGetFresh(long stamp, DateTimeOffset now, out long version, out ContentDefinitionRecord record)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.Stamp == stamp && now - entry.CheckedUtc < PollInterval)
        {
            (version, record) = (entry.Version, entry.Record);
            return true;
        }
        (version, record) = (0, null!);
        return false;
    }

    /// <summary>The cached definitions if they are of <paramref name="version"/>; the check is recorded.</summary>
    public bool TryConfirm(long version, long stamp, DateTimeOffset now, out ContentDefinitionRecord record)
    {
        var entry = Volatile.Read(ref _entry);
        if (entry is not null && entry.Version == version)
        {
            Volatile.Write(ref _entry, entry with { Stamp = stamp, CheckedUtc = now });
            record = entry.Record;
            return true;
        }
        record = null!;
        return false;
    }

    public void Set(long version, ContentDefinitionRecord record, long stamp, DateTimeOffset now) =>
        Volatile.Write(ref _entry, new Entry(version, record, stamp, now));
}
