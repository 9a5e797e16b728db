using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace ClinicCms.Content.Search;

/// <summary>
/// Bounds one search on PostgreSQL with a statement_timeout local to a read-only transaction of its own: the server
/// itself stops the statement (ts_rank runs over every match, so a query of many common words costs the whole index),
/// where a client-side timeout would leave the backend working. The reader's connection holds no transaction of its own.
/// </summary>
internal static class PostgresSearchTimeout
{
    public static async Task<T> RunAsync<T>(DbConnection connection, double seconds, Func<Task<T>> search, CancellationToken cancellationToken)
    {
        if (seconds <= 0)
        {
            return await search();
        }
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using (var set = connection.CreateCommand())
        {
            set.Transaction = transaction;
            set.CommandText = "SET TRANSACTION READ ONLY; SELECT set_config('statement_timeout', @ms, true)";
            var ms = Math.Max(1, (long)Math.Ceiling(seconds * 1000));
            set.Parameters.Add(new NpgsqlParameter("ms", ms.ToString(CultureInfo.InvariantCulture)));
            await set.ExecuteNonQueryAsync(cancellationToken);
        }
        try
        {
            return await search(); // the rollback at disposal ends the transaction: it wrote nothing
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.QueryCanceled && !cancellationToken.IsCancellationRequested)
        {
            throw new SearchTimeoutException(seconds, e);
        }
    }
}
