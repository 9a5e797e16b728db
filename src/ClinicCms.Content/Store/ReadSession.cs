using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Store;

/// <summary>
/// One connection for all the queries of a unit of reads (a request's scope), instead of an open and close around
/// each: an open connection borrowed from <see cref="SqliteReadConnections"/> on SQLite, the context's own opened once on
/// PostgreSQL. Started by the first read that needs it, ended with the scope. Reads run one at a time, so no locking.
/// The context is taken from its pool only when a read needs it: a read the published index answers needs only the
/// revision, one statement on the borrowed connection.
/// </summary>
public sealed class ReadSession(Func<ClinicCmsDbContext> takeContext, SqliteReadConnections? connections) : IAsyncDisposable, IDisposable
{
    private ClinicCmsDbContext? _db;
    private SqliteConnection? _borrowed;

    /// <summary>The scope's context, on the session's open connection.</summary>
    public async ValueTask<ClinicCmsDbContext> ContextAsync(CancellationToken cancellationToken)
    {
        if (_db is { } db)
        {
            return db;
        }
        db = takeContext();
        if (connections is null) // registered on SQLite only
        {
            await db.Database.OpenConnectionAsync(cancellationToken);
        }
        else
        {
            db.Database.SetDbConnection(Borrowed(), contextOwnsConnection: false);
        }
        // The scope disposes what it made last first, so the context, taken after the session, usually goes before it:
        // whichever goes first ends the session, before the context is pooled.
        db.BeforeRelease = End;
        return _db = db;
    }

    /// <summary>The published revision (see <see cref="Store.PublishedRevision"/>) as of now on SQLite; null on PostgreSQL, whose revision its published source reads.</summary>
    public long? ReadPublishedRevision() => connections is null ? null : PublishedRevision.Read(Borrowed());

    private SqliteConnection Borrowed() => _borrowed ??= connections!.Rent();

    public void Dispose() => End();

    public ValueTask DisposeAsync()
    {
        End();
        return ValueTask.CompletedTask;
    }

    private void End()
    {
        var (db, borrowed) = (_db, _borrowed);
        (_db, _borrowed) = (null, null);
        try
        {
            if (db is not null)
            {
                db.BeforeRelease = null;
                if (borrowed is null)
                {
                    db.Database.CloseConnection();
                }
                else
                {
                    // The context is pooled: it must leave with a connection of its own, not one another request may borrow.
                    db.Database.SetDbConnection(connections!.Closed(), contextOwnsConnection: true);
                }
            }
        }
        catch
        {
            borrowed?.Dispose(); // the context may still hold it: closed rather than lent again
            throw;
        }
        if (borrowed is not null)
        {
            connections!.Return(borrowed);
        }
    }
}
