using System.Diagnostics;
using ClinicCms.Content.Store;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// Published content kept in memory, so that a list, count, lookup or picker does not cost SQL at all: with EF Core
/// and SQLite preparing every statement anew, SQL was most of an uncached read, and on PostgreSQL each query is a round
/// trip. A snapshot is only used while the database's published revision (see <see cref="IPublishedSource"/>) equals
/// the one it was read at, which any write of a published row, by any process, moves on. When it is behind, reads go
/// to SQL while one new snapshot is read in the background. Off when the site has more published items than
/// <see cref="ContentReadOptions.PublishedIndexMaxItems"/>.
/// Field values are kept only for the fields queries filter or order by: a query on a field not held yet goes to SQL
/// once and asks for a new snapshot that holds it. Long text fields nobody filters by (summaries) cost nothing.
/// </summary>
public sealed partial class PublishedIndex(IPublishedSource source, IOptions<ContentReadOptions> options, ILogger<PublishedIndex> logger)
{
    private readonly Lock _gate = new();
    private volatile PublishedSnapshot? _current;
    private Task _building = Task.CompletedTask;
    private long _tooLargeAt = -1;
    private long _notBefore;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Part, string Field), bool> _wanted = new();

    // The dictionary's own Count takes all its locks, and every read asks: all the readers of a request queued on it.
    private int _wantedCount;

    /// <summary>The published revision a read of this scope answers at, or null when the index must not answer it.</summary>
    public ValueTask<long?> RevisionAsync(ReadSession session, CancellationToken cancellationToken) => source.RevisionAsync(session, cancellationToken);

    /// <summary>The snapshot of this revision, or null (and a newer one on its way) when the current one is behind.</summary>
    public PublishedSnapshot? For(long revision)
    {
        var current = _current;
        if (current?.Revision == revision)
        {
            if (current.Fields.Count < Volatile.Read(ref _wantedCount))
            {
                StartReading(); // for a field asked for since; this one still answers what it holds
            }
            return current;
        }
        if (Interlocked.Read(ref _tooLargeAt) != revision)
        {
            StartReading();
        }
        return null;
    }

    /// <summary>Asks for the values of fields to be held from the next snapshot on (all of a query's at once: one read).</summary>
    public void Want(IEnumerable<FieldTarget> fields)
    {
        var added = false;
        foreach (var field in fields)
        {
            if (_wanted.TryAdd((field.Part, field.Field), true))
            {
                Interlocked.Increment(ref _wantedCount);
                added = true;
            }
        }
        if (added)
        {
            StartReading();
        }
    }

    /// <summary>Reads a snapshot of the revision as of now and waits for it (for tests, which must know which path answers).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        Task building;
        lock (_gate)
        {
            building = _building;
        }
        await building;
        await ReadAsync(cancellationToken);
    }

    private void StartReading()
    {
        lock (_gate)
        {
            // One read at a time, and never more than half the time: under a stream of writes every snapshot is stale
            // at once, and SQL serves until the writes pause.
            if (!_building.IsCompleted || Stopwatch.GetTimestamp() < _notBefore)
            {
                return;
            }
            _building = Task.Run(async () =>
            {
                var started = Stopwatch.GetTimestamp();
                try
                {
                    await ReadAsync(CancellationToken.None);
                }
                catch (Exception exception)
                {
                    LogReadFailed(exception);
                }
                var ended = Stopwatch.GetTimestamp();
                Interlocked.Exchange(ref _notBefore, ended + (ended - started));
            });
        }
    }

    private async Task ReadAsync(CancellationToken cancellationToken)
    {
        var fields = _wanted.Keys.ToHashSet();
        var started = Stopwatch.GetTimestamp();
        var (revision, snapshot) = await source.ReadAsync(options.Value.PublishedIndexMaxItems, fields, cancellationToken);
        if (snapshot is null)
        {
            Interlocked.Exchange(ref _tooLargeAt, revision);
            _current = null;
            return;
        }
        _current = snapshot;
        LogRead(revision, snapshot.Count, fields.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    [LoggerMessage(LogLevel.Debug, "Published index read at content revision {Revision}: {Count} items, {Fields} fields, in {Milliseconds} ms")]
    private partial void LogRead(long revision, int count, int fields, long milliseconds);

    [LoggerMessage(LogLevel.Warning, "Reading the published index failed; reads use SQL until it succeeds")]
    private partial void LogReadFailed(Exception exception);
}
