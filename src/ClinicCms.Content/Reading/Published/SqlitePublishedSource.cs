using ClinicCms.Content.Store;
using Microsoft.Data.Sqlite;

namespace ClinicCms.Content.Reading.Published;

/// <summary>The published revision and snapshots on SQLite, read on connections borrowed from <see cref="SqliteReadConnections"/>.</summary>
internal sealed class SqlitePublishedSource(SqliteReadConnections connections) : IPublishedSource
{
    // A local read of one row: asked on every scope, so a write by another process is seen by the next read.
    public ValueTask<long?> RevisionAsync(ReadSession session, CancellationToken cancellationToken) => ValueTask.FromResult(session.ReadPublishedRevision());

    public async Task<(long Revision, PublishedSnapshot? Snapshot)> ReadAsync(int maxItems, HashSet<(string Part, string Field)> fields, CancellationToken cancellationToken)
    {
        var connection = connections.Rent();
        try
        {
            // Deferred: one consistent view of revision, rows and fields that blocks no writer.
            using var transaction = connection.BeginTransaction(deferred: true);
            var revision = PublishedRevision.Read(connection, transaction);
            using var count = Command(connection, transaction, """SELECT COUNT(*) FROM "ContentItemVersions" WHERE "Published" """);
            if ((long)(await count.ExecuteScalarAsync(cancellationToken))! > maxItems)
            {
                return (revision, null);
            }
            return (revision, await LoadAsync(connection, transaction, revision, fields, cancellationToken));
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
        var rows = new SnapshotRows(wanted);
        using (var command = Command(connection, transaction, """
            SELECT f."DocumentId", f."ContentPart", f."ContentField", COALESCE(f."Text", f."Numeric", f."Boolean", f."Date", f."Time"),
                   f."Numeric" IS NOT NULL, f."Boolean" IS NOT NULL, f."Date" IS NOT NULL
            FROM "ContentFieldIndex" f JOIN "ContentItemVersions" r ON r."Id" = f."DocumentId"
            WHERE r."Published" AND COALESCE(f."Text", f."Numeric", f."Boolean", f."Date", f."Time") IS NOT NULL
            """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                var (part, field) = (reader.GetString(1), reader.GetString(2));
                if (!rows.Wants(part, field))
                {
                    continue;
                }
                // The value as the column of its kind holds it: EF's SQLite mapping stores dates as sortable text.
                object value = reader.GetBoolean(4) ? reader.GetDouble(3)
                    : reader.GetBoolean(5) ? reader.GetBoolean(3)
                    : reader.GetBoolean(6) ? reader.GetDateTime(3)
                    : reader.GetString(3);
                rows.AddField(reader.GetInt64(0), part, field, value);
            }
        }

        using (var command = Command(connection, transaction, $"""SELECT {SnapshotRows.HeadColumns} FROM "ContentItemVersions" WHERE "Published" """))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                rows.AddHead(reader);
            }
        }
        return rows.Snapshot(revision);
    }
}
