using ClinicCms.Content.Store;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Queries.Published;

/// <summary>
/// The published snapshot one GraphQL request reads, chosen at its first use, so that every resolver of the request
/// sees the same state; null when SQL must answer (PostgreSQL, index off, or the snapshot is behind).
/// </summary>
public sealed class PublishedView(ClinicCmsDbContext db, PublishedIndex index, IOptions<GraphQLOptions> options)
{
    private bool _chosen;
    private PublishedSnapshot? _snapshot;

    public PublishedSnapshot? Snapshot
    {
        get
        {
            if (!_chosen)
            {
                _chosen = true;
                // Only on the open connection a GraphQL request borrows on SQLite (see ReadSession).
                if (options.Value.PublishedIndexMaxItems > 0 && db.Database.GetDbConnection() is SqliteConnection { State: System.Data.ConnectionState.Open } connection
                    && db.Database.CurrentTransaction is null)
                {
                    _snapshot = index.For(PublishedRevision.Read(connection));
                }
            }
            return _snapshot;
        }
    }
}
