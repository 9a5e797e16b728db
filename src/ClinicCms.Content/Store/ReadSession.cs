using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// One connection for all the queries of a unit of reads (a request's scope), instead of an open and close around
/// each: an open connection borrowed from <see cref="SqliteReadConnections"/> on SQLite, the context's own opened once on
/// PostgreSQL. Started by the first read that needs it, ended with the scope. Reads run one at a time, so no locking.
/// </summary>
public sealed class ReadSession(ClinicCmsDbContext db, SqliteReadConnections? connections) : IAsyncDisposable
{
    private SqliteConnection? _borrowed;
    private bool _started;

    /// <summary>The scope's context, on the session's open connection.</summary>
    public async ValueTask<ClinicCmsDbContext> ContextAsync(CancellationToken cancellationToken)
    {
        if (!_started)
        {
            if (connections is null) // registered on SQLite only
            {
                await db.Database.OpenConnectionAsync(cancellationToken);
            }
            else
            {
                _borrowed = connections.Rent();
                db.Database.SetDbConnection(_borrowed, contextOwnsConnection: false);
            }
            _started = true;
        }
        return db;
    }

    /// <summary>The published revision (see <see cref="Store.PublishedRevision"/>) as of now on SQLite; null on PostgreSQL, whose revision its published source reads.</summary>
    public async ValueTask<long?> PublishedRevisionAsync(CancellationToken cancellationToken)
    {
        if (connections is null)
        {
            return null;
        }
        await ContextAsync(cancellationToken);
        return PublishedRevision.Read(_borrowed!);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_started)
        {
            return;
        }
        _started = false;
        if (_borrowed is null)
        {
            await db.Database.CloseConnectionAsync();
            return;
        }
        // The context is pooled: it must leave with a connection of its own, not one another request may borrow.
        db.Database.SetDbConnection(connections!.Closed(), contextOwnsConnection: true);
        connections.Return(_borrowed);
        _borrowed = null;
    }
}
