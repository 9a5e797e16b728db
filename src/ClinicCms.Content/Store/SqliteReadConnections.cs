using System.Collections.Concurrent;
using System.Data;
using Microsoft.Data.Sqlite;

namespace ClinicCms.Content.Store;

/// <summary>
/// Open SQLite connections kept for reads. Microsoft.Data.Sqlite's own pool resets a connection under a lock shared by
/// every connection of the file on each open and close; with a GraphQL read per request, threads spun on that lock
/// for about a tenth of the CPU. A read borrows an open connection here instead, and gives it back open.
/// </summary>
public sealed class SqliteReadConnections(string connectionString) : IDisposable
{
    private const int KeptIdle = 32;
    private const int PageCacheKiB = 512;
    private readonly ConcurrentBag<SqliteConnection> _idle = [];

    // Counted here: the bag's own Count freezes it, taking the lock of every thread's list, on every return.
    private int _idleCount;
    private volatile bool _disposed;

    public SqliteConnection Rent()
    {
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }
        connection = new SqliteConnection(connectionString);
        try
        {
            connection.Open();
            using var pragma = connection.CreateCommand();
            // Up to 32 of these stay open, each with SQLite's default 2 MB page cache filled by its reads; the reads
            // mostly hit the published index and the parts cache, and a page missing here is in the OS's file cache.
            pragma.CommandText = $"PRAGMA cache_size = -{PageCacheKiB}";
            pragma.ExecuteNonQuery();
        }
        catch
        {
            connection.Dispose();
            throw;
        }
        return connection;
    }

    public void Return(SqliteConnection connection)
    {
        // A read still running when the app stops (the published index's) closes its connection instead of keeping it.
        if (connection.State == ConnectionState.Open && Volatile.Read(ref _idleCount) < KeptIdle && !_disposed)
        {
            Interlocked.Increment(ref _idleCount);
            _idle.Add(connection);
            return;
        }
        connection.Dispose();
    }

    /// <summary>A closed connection of the file, for a context to own again after a read.</summary>
    public SqliteConnection Closed() => new(connectionString);

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
