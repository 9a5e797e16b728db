using ClinicCms.Content.Changes;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// The published revision as this instance last read it from PostgreSQL, trusted without another round trip while
/// nothing can have moved it unseen: no change committed here or announced by another instance since, the
/// <see cref="IChangeFeed"/> live all along, and the check younger than <see cref="CheckInterval"/>, which bounds
/// what a lost message can cost. Without a live feed every scope asks the database.
/// </summary>
public sealed class PublishedRevisionWatch(TimeProvider clock, ContentChanges announcements, IChangeFeed? feed = null)
{
    /// <summary>How long a check is trusted when no change was announced (as the definitions cache polls).</summary>
    public static readonly TimeSpan CheckInterval = TimeSpan.FromSeconds(1);

    private Checked? _last;

    private sealed record Checked(long Revision, Mark Mark, long Timestamp);

    /// <summary>What had been announced when a check began; a check is trusted only while it is still all there is.</summary>
    public readonly record struct Mark(long Changes, long Epoch);

    /// <summary>The revision last read, when nothing can have moved it since.</summary>
    public bool TryGetKnown(out long revision)
    {
        var last = Volatile.Read(ref _last);
        if (feed is { IsLive: true } && last is not null && last.Mark == Now() && clock.GetElapsedTime(last.Timestamp) < CheckInterval)
        {
            revision = last.Revision;
            return true;
        }
        revision = 0;
        return false;
    }

    /// <summary>Taken before reading the revision, so that a change announced during the read is not missed.</summary>
    public Mark Begin() => Now();

    /// <summary>
    /// Keeps a check unless a newer one is kept already: two checks around a write nobody announced (a command-line
    /// recipe run) may finish in either order, and the older revision must not be trusted after the newer one.
    /// </summary>
    public void Read(long revision, Mark begun)
    {
        var check = new Checked(revision, begun, clock.GetTimestamp());
        var last = Volatile.Read(ref _last);
        while (last is null || revision >= last.Revision)
        {
            var seen = Interlocked.CompareExchange(ref _last, check, last);
            if (ReferenceEquals(seen, last))
            {
                return;
            }
            last = seen;
        }
    }

    // Any change, not only published ones: a summarized import or a deleted type may move published rows too. The stamp
    // moves before the response cache hears the change, so a read that trusted the old revision cannot be stored after
    // the eviction.
    private Mark Now() => new(announcements.ChangesStamp, feed?.Epoch ?? 0);
}
