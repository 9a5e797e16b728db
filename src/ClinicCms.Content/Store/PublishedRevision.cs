using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace ClinicCms.Content.Store;

/// <summary>
/// The published revision on SQLite: a counter that triggers bump on every insert, update or delete of a published
/// version row (drafts do not count), whoever writes it. A reader that keeps published content in memory compares it
/// with the revision it was built at to know whether it is still current, across processes too.
/// </summary>
public static class PublishedRevision
{
    // One prepared command per connection: reads borrow kept connections, so the statement is compiled once each.
    private static readonly ConditionalWeakTable<SqliteConnection, SqliteCommand> Commands = new();

    /// <summary>The revision as of now, read on an open connection (in its transaction, if it has one).</summary>
    public static long Read(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        var command = Commands.GetValue(connection, c =>
        {
            var created = c.CreateCommand();
            created.CommandText = """SELECT "Revision" FROM "PublishedRevision" WHERE "Id" = 1""";
            return created;
        });
        command.Transaction = transaction;
        return (long)command.ExecuteScalar()!;
    }
}
