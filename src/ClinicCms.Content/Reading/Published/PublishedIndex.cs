using System.Diagnostics;
using ClinicCms.Content.Store;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// Published content kept in memory for reads on SQLite, so that a list, count, lookup or picker does not cost
/// SQL at all: with EF Core and SQLite preparing every statement anew, SQL was most of an uncached read.
/// A snapshot is only used while the database's <see cref="PublishedRevision"/> equals the one it was read at, which any
/// write of a published row, by any process, moves on. When it is behind, reads go to SQL while one new snapshot is read in the
/// background. Off on PostgreSQL (other instances write there, and its text order is the database's collation), and
/// when the site has more published items than <see cref="ContentReadOptions.PublishedIndexMaxItems"/>.
/// Field values are kept only for the fields queries filter or order by: a query on a field not held yet goes to SQL
/// once and asks for a new snapshot that holds it. Long text fields nobody filters by (summaries) cost nothing.
/// </summary>
public sealed partial class PublishedIndex(SqliteReadConnections connections, IOptions<ContentReadOptions> options, ILogger<PublishedIndex> logger)
{
    private readonly Lock _gate = new();
    private volatile PublishedSnapshot? _current;
    private Task _building = Task.CompletedTask;
    private long _tooLargeAt = -1;
    private long _notBefore;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string Part, string Field), bool> _wanted = new();

    // The dictionary's own Count takes all its locks, and every read asks: all the readers of a request queued on it.
    private int _wantedCount;

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
        var connection = connections.Rent();
        try
        {
            // Deferred: one consistent view of revision, rows and fields that blocks no writer.
            using var transaction = connection.BeginTransaction(deferred: true);
            var revision = PublishedRevision.Read(connection, transaction);
            using var count = Command(connection, transaction, """SELECT COUNT(*) FROM "ContentItemVersions" WHERE "Published" = 1""");
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! > options.Value.PublishedIndexMaxItems)
            {
                Interlocked.Exchange(ref _tooLargeAt, revision);
                _current = null;
                return;
            }
            var fields = _wanted.Keys.ToHashSet();
            var started = Stopwatch.GetTimestamp();
            _current = await LoadAsync(connection, transaction, revision, fields, cancellationToken);
            LogRead(revision, _current.Count, fields.Count, (long)Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        finally
        {
            connections.Return(connection);
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    // Plain SQL on a borrowed connection rather than a pooled context: a context must never go back to its pool with
    // a transaction or an open connection of its own.
    private static async Task<PublishedSnapshot> LoadAsync(SqliteConnection connection, SqliteTransaction transaction, long revision,
        HashSet<(string Part, string Field)> wanted, CancellationToken cancellationToken)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal); // types, parts, fields, owners: one string each
        string Shared(string name) => names.TryGetValue(name, out var shared) ? shared : names[name] = name;

        var fields = new Dictionary<long, List<IndexedField>>();
        using (var command = Command(connection, transaction, """
            SELECT f."DocumentId", f."ContentPart", f."ContentField", COALESCE(f."Text", f."Numeric", f."Boolean", f."Date", f."Time"),
                   f."Numeric" IS NOT NULL, f."Boolean" IS NOT NULL, f."Date" IS NOT NULL
            FROM "ContentFieldIndex" f JOIN "ContentItemVersions" r ON r."Id" = f."DocumentId"
            WHERE r."Published" = 1 AND COALESCE(f."Text", f."Numeric", f."Boolean", f."Date", f."Time") IS NOT NULL
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                if (!wanted.Contains((reader.GetString(1), reader.GetString(2))))
                {
                    continue;
                }
                // The value as the column of its kind holds it: EF's SQLite mapping stores dates as sortable text.
                object value = reader.GetBoolean(4) ? reader.GetDouble(3)
                    : reader.GetBoolean(5) ? reader.GetBoolean(3)
                    : reader.GetBoolean(6) ? reader.GetDateTime(3)
                    : reader.GetString(3);
                var documentId = reader.GetInt64(0);
                (fields.TryGetValue(documentId, out var list) ? list : fields[documentId] = [])
                    .Add(new IndexedField(Shared(reader.GetString(1)), Shared(reader.GetString(2)), value));
            }
        }

        var ordinals = new Dictionary<string, int>(StringComparer.Ordinal);
        var rows = new List<IndexedRow>();
        using (var command = Command(connection, transaction, """
            SELECT "Id", "ContentItemId", "ContentItemVersionId", "ContentType", "DisplayText", "Latest", "CreatedUtc", "ModifiedUtc",
                   "PublishedUtc", "Owner", "Author", "Path", "ConcurrencyStamp"
            FROM "ContentItemVersions" WHERE "Published" = 1
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var head = new ContentItemVersionRow
                {
                    Id = reader.GetInt64(0),
                    ContentItemId = reader.GetString(1),
                    ContentItemVersionId = reader.GetString(2),
                    ContentType = Shared(reader.GetString(3)),
                    DisplayText = reader.IsDBNull(4) ? null : reader.GetString(4),
                    Latest = reader.GetBoolean(5),
                    Published = true,
                    CreatedUtc = reader.IsDBNull(6) ? null : reader.GetDateTime(6),
                    ModifiedUtc = reader.IsDBNull(7) ? null : reader.GetDateTime(7),
                    PublishedUtc = reader.IsDBNull(8) ? null : reader.GetDateTime(8),
                    Owner = reader.IsDBNull(9) ? null : Shared(reader.GetString(9)),
                    Author = reader.IsDBNull(10) ? null : Shared(reader.GetString(10)),
                    Path = reader.IsDBNull(11) ? null : reader.GetString(11),
                    ConcurrencyStamp = reader.GetString(12),
                    Fields = null!, // the index keeps its own
                };
                var ordinal = ordinals.GetValueOrDefault(head.ContentType);
                ordinals[head.ContentType] = ordinal + 1;
                rows.Add(new IndexedRow(head, ordinal, fields.TryGetValue(head.Id, out var list) ? [.. list] : []));
            }
        }
        return new PublishedSnapshot(revision, wanted, rows);
    }

    [LoggerMessage(LogLevel.Debug, "Published index read at content revision {Revision}: {Count} items, {Fields} fields, in {Milliseconds} ms")]
    private partial void LogRead(long revision, int count, int fields, long milliseconds);

    [LoggerMessage(LogLevel.Warning, "Reading the published index failed; reads use SQL until it succeeds")]
    private partial void LogReadFailed(Exception exception);
}
