using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Audit;

/// <summary>
/// The audit trail's reads, its trimming, and the events that are no change of stored data (a sign-in, a recipe run).
/// Changes of content, types and roles are recorded by the store as they are announced; nobody calls this for them.
/// </summary>
public sealed class AuditTrail(ClinicCmsDbContext db)
{
    /// <summary>
    /// Records <paramref name="row"/>: inside a transaction, just before it commits (and not at all if it rolls back);
    /// outside one, at once.
    /// </summary>
    public async Task RecordAsync(AuditRow row, CancellationToken cancellationToken = default)
    {
        if (db.Database.CurrentTransaction is not null)
        {
            db.PendingChanges.AddAudit(row);
            return;
        }
        await using var transaction = await OwnedTransaction.BeginAsync(db, cancellationToken);
        db.PendingChanges.AddAudit(row);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Rows that match <paramref name="filter"/> and <paramref name="scope"/>, newest first; <paramref name="page"/> counts from 1.</summary>
    public async Task<AuditPage> ListAsync(AuditFilter filter, AuditScope scope, int page, int pageSize, CancellationToken cancellationToken = default)
    {
        var query = db.AuditTrail.AsNoTracking();
        var categories = scope.Categories.Where(c => c != AuditCategories.Content).ToList();
        var seesContent = scope.Categories.Contains(AuditCategories.Content);
        var types = scope.ContentTypes?.ToList();
        query = !seesContent ? query.Where(r => categories.Contains(r.Category))
            : types is null ? query.Where(r => r.Category == AuditCategories.Content || categories.Contains(r.Category))
            : query.Where(r => (r.Category == AuditCategories.Content && r.ContentType != null && types.Contains(r.ContentType)) || categories.Contains(r.Category));
        if (!string.IsNullOrEmpty(filter.Category))
        {
            query = query.Where(r => r.Category == filter.Category);
        }
        if (!string.IsNullOrEmpty(filter.Event))
        {
            query = query.Where(r => r.Event == filter.Event);
        }
        if (!string.IsNullOrEmpty(filter.User))
        {
            query = query.Where(r => r.UserName == filter.User || r.UserId == filter.User);
        }
        if (!string.IsNullOrEmpty(filter.ContentItemId))
        {
            query = query.Where(r => r.ContentItemId == filter.ContentItemId);
        }
        if (filter.From is { } from)
        {
            var start = from.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(r => r.Utc >= start);
        }
        if (filter.To is { } to && to < DateOnly.MaxValue)
        {
            var end = to.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            query = query.Where(r => r.Utc < end);
        }
        var rows = await query.OrderByDescending(r => r.Id).Skip((page - 1) * pageSize).Take(pageSize + 1).ToListAsync(cancellationToken);
        var more = rows.Count > pageSize;
        return new AuditPage(more ? rows[..pageSize] : rows, more);
    }

    /// <summary>Deletes rows written before <paramref name="cutoff"/>; returns how many.</summary>
    public Task<int> DeleteBeforeAsync(DateTime cutoff, CancellationToken cancellationToken = default) =>
        db.AuditTrail.Where(r => r.Utc < cutoff).ExecuteDeleteAsync(cancellationToken);
}
