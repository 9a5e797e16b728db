using System.Data.Common;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenIddict.EntityFrameworkCore.Models;

namespace ClinicCms.Content.Audit;

/// <summary>
/// Writes the audit rows a context queued (with each announced change, see <c>ClinicCmsDbContext.Announce</c>) just
/// before its transaction commits, in that transaction: a rolled-back change leaves no row, a committed one has its
/// row. Rows without a user get the request's (<see cref="IAuditActor"/>), and every row the app's time. API client
/// changes are saved by OpenIddict's store, not by our code, so they are recorded here as they are saved.
/// </summary>
internal sealed class AuditBeforeCommit(IAuditActor actor, TimeProvider clock) : IDbTransactionInterceptor, ISaveChangesInterceptor
{
    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        if (Take(eventData.Context) is { Count: > 0 } rows)
        {
            using var command = InsertCommand(transaction, rows);
            command.ExecuteNonQuery();
        }
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result,
        CancellationToken cancellationToken = default)
    {
        if (Take(eventData.Context) is { Count: > 0 } rows)
        {
            await using var command = InsertCommand(transaction, rows);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        return result;
    }

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        RecordClientChanges(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        RecordClientChanges(eventData.Context);
        return ValueTask.FromResult(result);
    }

    private List<AuditRow>? Take(DbContext? context)
    {
        if (context is not ClinicCmsDbContext db)
        {
            return null;
        }
        var rows = db.PendingChanges.TakeAudit();
        foreach (var row in rows)
        {
            Complete(row);
        }
        return rows;
    }

    /// <summary>Fills in the time, and the request's user and address where the writer named none.</summary>
    private void Complete(AuditRow row)
    {
        if (row.Utc == default)
        {
            row.Utc = clock.GetUtcNow().UtcDateTime;
        }
        if (((row.UserId is null && row.UserName is null) || row.Address is null) && actor.Current is { } current)
        {
            if (row.UserId is null && row.UserName is null)
            {
                (row.UserId, row.UserName) = (current.Id, AuditRow.Shorten(current.Name, AuditRow.MaxUserName));
            }
            row.Address ??= current.Address;
        }
        row.FitColumns();
    }

    // Inside a transaction the rows wait for its commit; a save on its own carries them in its own batch.
    private void RecordClientChanges(DbContext? context)
    {
        if (context is not ClinicCmsDbContext db)
        {
            return;
        }
        var tracker = db.ChangeTracker;
        var detect = tracker.AutoDetectChangesEnabled;
        tracker.AutoDetectChangesEnabled = false;
        try
        {
            var rows = tracker.Entries<OpenIddictEntityFrameworkCoreApplication>().Select(ClientRow).OfType<AuditRow>().ToList();
            foreach (var row in rows)
            {
                if (db.Database.CurrentTransaction is null)
                {
                    Complete(row);
                    db.Add(row);
                }
                else
                {
                    db.PendingChanges.AddAudit(row);
                }
            }
        }
        finally
        {
            tracker.AutoDetectChangesEnabled = detect;
        }
    }

    private static AuditRow? ClientRow(EntityEntry<OpenIddictEntityFrameworkCoreApplication> entry)
    {
        var name = entry.State switch
        {
            EntityState.Added => AuditEvents.ClientCreated,
            EntityState.Modified => AuditEvents.ClientChanged,
            EntityState.Deleted => AuditEvents.ClientDeleted,
            _ => null,
        };
        return name is null ? null : AuditRow.Of(AuditCategories.Client, name, detail: $"client {entry.Entity.ClientId}");
    }

    private static readonly string[] Columns =
        ["Utc", "Category", "Event", "UserId", "UserName", "Address", "ContentItemId", "ContentItemVersionId", "ContentType", "Detail"];

    /// <summary>One INSERT of all the rows, with parameters: the same SQL on SQLite and PostgreSQL.</summary>
    private static DbCommand InsertCommand(DbTransaction transaction, List<AuditRow> rows)
    {
        var command = transaction.Connection!.CreateCommand();
        command.Transaction = transaction;
        var sql = new System.Text.StringBuilder($"INSERT INTO \"{AuditRowConfiguration.Table}\" (")
            .AppendJoin(", ", Columns.Select(c => $"\"{c}\"")).Append(") VALUES ");
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            object?[] values = [row.Utc, row.Category, row.Event, row.UserId, row.UserName, row.Address, row.ContentItemId, row.ContentItemVersionId, row.ContentType, row.Detail];
            sql.Append(i == 0 ? "(" : ", (");
            for (var c = 0; c < values.Length; c++)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = $"@a{i}_{c}";
                parameter.Value = values[c] ?? DBNull.Value;
                command.Parameters.Add(parameter);
                sql.Append(c == 0 ? "" : ", ").Append(parameter.ParameterName);
            }
            sql.Append(')');
        }
        command.CommandText = sql.ToString();
        return command;
    }
}
