using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// One connection for all the queries of a read (a GraphQL request), instead of an open and close around each: an
/// open connection borrowed from <see cref="SqliteReadConnections"/> on SQLite, the context's own on PostgreSQL.
/// </summary>
public sealed class ReadSession : IAsyncDisposable
{
    private readonly ClinicCmsDbContext _db;
    private readonly SqliteReadConnections? _connections;
    private readonly Microsoft.Data.Sqlite.SqliteConnection? _borrowed;

    private ReadSession(ClinicCmsDbContext db, SqliteReadConnections? connections, Microsoft.Data.Sqlite.SqliteConnection? borrowed)
    {
        _db = db;
        _connections = connections;
        _borrowed = borrowed;
    }

    public static async Task<ReadSession> StartAsync(ClinicCmsDbContext db, SqliteReadConnections? connections, CancellationToken cancellationToken)
    {
        if (connections is null) // registered on SQLite only
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
            return new ReadSession(db, null, null);
        }
        var borrowed = connections.Rent();
        db.Database.SetDbConnection(borrowed, contextOwnsConnection: false);
        return new ReadSession(db, connections, borrowed);
    }

    public async ValueTask DisposeAsync()
    {
        if (_borrowed is null)
        {
            await _db.Database.CloseConnectionAsync();
            return;
        }
        // The context is pooled: it must leave with a connection of its own, not one another request may borrow.
        _db.Database.SetDbConnection(_connections!.Closed(), contextOwnsConnection: true);
        _connections.Return(_borrowed);
    }
}
