using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace ClinicCms.Content.Store;

/// <summary>
/// Writes new rows of one table in the context's connection and transaction, for imports: keys are taken from the
/// database first (so no statement needs to return them), then the rows go in with as few statements as the
/// provider allows: one prepared INSERT per row on SQLite (in process, no round trip), one binary COPY on PostgreSQL.
/// </summary>
internal abstract class TableWriter(DbConnection connection, DbTransaction transaction, RowColumns columns) : IAsyncDisposable
{
    protected DbConnection Connection => connection;

    protected DbTransaction Transaction => transaction;

    protected RowColumns Columns => columns;

    public static TableWriter Create(ClinicCmsDbContext db, Type clrType)
    {
        // Rows written outside a transaction would outlive a failed import.
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk inserts run inside the caller's transaction; begin one first.");
        var columns = RowColumns.Of(db, clrType);
        var connection = db.Database.GetDbConnection();
        return db.Database.IsNpgsql()
            ? new PostgresTableWriter(connection, transaction, columns)
            : new SqliteTableWriter(connection, transaction, columns);
    }

    /// <summary>
    /// <paramref name="count"/> keys no row of the table has and the table's key generator will not hand out again.
    /// </summary>
    public abstract Task<long[]> ReserveKeysAsync(int count, CancellationToken cancellationToken);

    /// <summary>Inserts <paramref name="rows"/>, whose keys are set.</summary>
    public abstract Task WriteAsync<T>(IReadOnlyList<T> rows, CancellationToken cancellationToken) where T : class;

    public abstract ValueTask DisposeAsync();

    protected DbCommand Command(string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }
}
