using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Scheduling;

/// <summary>
/// The scheduler's check, a read of its own: it runs at start and every interval, and needs only the database, not
/// the write path (HTML sanitizing, path patterns) that publishing a due version takes.
/// </summary>
public sealed class DueVersions(ClinicCmsDbContext db)
{
    /// <summary>The versions due at <paramref name="now"/>, earliest first, in one query on the due-time index.</summary>
    public async Task<IReadOnlyList<DueVersion>> ListAsync(DateTime now, int max, CancellationToken cancellationToken = default) =>
        await Query(db, now, max).ToListAsync(cancellationToken);

    /// <summary>The check as a query, for the test that reads its plan.</summary>
    public static IQueryable<DueVersion> Query(ClinicCmsDbContext db, DateTime now, int max) =>
        db.ContentItems.AsNoTracking()
            .Where(r => r.ScheduledUtc != null && r.ScheduledUtc <= now)
            .OrderBy(r => r.ScheduledUtc)
            .Take(max)
            .Select(r => new DueVersion(r.Id, r.ContentItemId, r.Published, r.ScheduledUtc!.Value));
}
