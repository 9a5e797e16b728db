using System.Data;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace ClinicCms.Content.Reading.Published;

/// <summary>
/// The published revision and snapshots on PostgreSQL. The revision is the "PublishedRevision" row that a trigger
/// moves on in the writer's transaction, whichever instance or process writes; <see cref="PublishedRevisionWatch"/>
/// saves the round trip of reading it while no change can have been missed. The index orders text by code point (as
/// SQLite's BINARY collation does), so it serves only a database whose collation orders text that way (C, C.UTF-8,
/// POSIX); on any other every read goes to SQL.
/// </summary>
internal sealed partial class PostgresPublishedSource(string connectionString, PublishedRevisionWatch watch, ILogger<PostgresPublishedSource> logger)
    : IPublishedSource
{
    private const string RevisionSql = """SELECT "Revision" FROM "PublishedRevision" WHERE "Id" = 1""";

    private volatile bool _otherCollation;

    public async ValueTask<long?> RevisionAsync(ReadSession session, CancellationToken cancellationToken)
    {
        if (_otherCollation)
        {
            return null;
        }
        if (watch.TryGetKnown(out var known))
        {
            return known;
        }
        var begun = watch.Begin();
        var db = await session.ContextAsync(cancellationToken);
        await using var command = new NpgsqlCommand(RevisionSql, (NpgsqlConnection)db.Database.GetDbConnection());
        var revision = (long)(await command.ExecuteScalarAsync(cancellationToken))!;
        watch.Read(revision, begun);
        return revision;
    }

    public async Task<(long Revision, PublishedSnapshot? Snapshot)> ReadAsync(int maxItems, HashSet<(string Part, string Field)> fields, CancellationToken cancellationToken)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        // Repeatable read: revision, rows and fields as of one moment; the trigger moves the revision in the writer's
        // transaction, so a snapshot never holds a write its revision does not count.
        await using var transaction = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
        var revision = (long)(await Scalar(connection, transaction, RevisionSql, cancellationToken))!;
        if (!await OrdersByCodePointAsync(connection, transaction, cancellationToken))
        {
            _otherCollation = true;
            LogOtherCollation();
            return (revision, null);
        }
        var count = (long)(await Scalar(connection, transaction, """SELECT COUNT(*) FROM "ContentItemVersions" WHERE "Published" """, cancellationToken))!;
        if (count > maxItems)
        {
            return (revision, null);
        }
        var rows = new SnapshotRows(fields);
        if (fields.Count > 0)
        {
            await ReadFieldsAsync(connection, transaction, rows, fields, cancellationToken);
        }
        await using (var command = new NpgsqlCommand($"""SELECT {SnapshotRows.HeadColumns} FROM "ContentItemVersions" WHERE "Published" """, connection, transaction))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.AddHead(reader);
            }
        }
        return (revision, rows.Snapshot(revision));
    }

    // Only the fields wanted, each value from the column of its kind (text, number, boolean, instant, time of day).
    private static async Task ReadFieldsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, SnapshotRows rows,
        HashSet<(string Part, string Field)> fields, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT f."DocumentId", f."ContentPart", f."ContentField", f."Text", f."Numeric", f."Boolean", f."Date", f."Time"
            FROM "ContentFieldIndex" f JOIN "ContentItemVersions" r ON r."Id" = f."DocumentId"
            JOIN unnest(@parts, @fields) AS w(part, field) ON w.part = f."ContentPart" AND w.field = f."ContentField"
            WHERE r."Published"
            """, connection, transaction);
        command.Parameters.AddWithValue("parts", fields.Select(f => f.Part).ToArray());
        command.Parameters.AddWithValue("fields", fields.Select(f => f.Field).ToArray());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            object? value = !reader.IsDBNull(3) ? reader.GetString(3)
                : !reader.IsDBNull(4) ? reader.GetDouble(4)
                : !reader.IsDBNull(5) ? reader.GetBoolean(5)
                : !reader.IsDBNull(6) ? reader.GetDateTime(6)
                : !reader.IsDBNull(7) ? reader.GetString(7)
                : null;
            if (value is not null)
            {
                rows.AddField(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), value);
            }
        }
    }

    // The database's default collation (no column of ours names another); ICU collations never order by code point.
    private static async Task<bool> OrdersByCodePointAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("""
            SELECT d.datcollate, to_jsonb(d) ->> 'datlocprovider' FROM pg_database d WHERE d.datname = current_database()
            """, connection, transaction);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || reader.IsDBNull(0) || (!reader.IsDBNull(1) && reader.GetString(1) != "c"))
        {
            return false;
        }
        var collation = reader.GetString(0);
        return collation is "C" or "POSIX" || collation.Equals("C.UTF-8", StringComparison.OrdinalIgnoreCase) || collation.Equals("C.utf8", StringComparison.OrdinalIgnoreCase);
    }

    private static async Task<object?> Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    [LoggerMessage(LogLevel.Warning, "The database's collation does not order text by code point as the published index does; every read goes to SQL (create the database with LC_COLLATE 'C.UTF-8' to use the index)")]
    private partial void LogOtherCollation();
}
