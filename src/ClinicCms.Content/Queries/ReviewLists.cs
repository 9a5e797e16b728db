using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Queries;

/// <summary>One of the dashboard's review lists: the first items and how many there are in all.</summary>
public sealed record ReviewList(IReadOnlyList<ContentItem> Items, int Total);

/// <summary>
/// The dashboard's review work: drafts waiting on a reviewer or on their author, and published items whose medical
/// review is due. Each reads the workflow values the field index keeps, for the caller's visible items only.
/// </summary>
public sealed class ReviewLists(ClinicCmsDbContext db)
{
    /// <summary>Drafts of <paramref name="types"/> in the given review state (in review, or changes requested), oldest first.</summary>
    public Task<ReviewList> WaitingAsync(ContentVisibility visibility, IReadOnlyCollection<string> types, ReviewState state, int take, CancellationToken cancellationToken = default)
    {
        var text = state.ToString();
        var marked = db.FieldIndex.Where(f => types.Contains(f.ContentType) && f.ContentPart == ReviewRecord.PartName && f.ContentField == ReviewRecord.StateField && f.Text == text)
            .Select(f => f.VersionRowId);
        var drafts = visibility.Apply(db.ContentItems.AsNoTracking().Where(r => r.Latest && !r.Published && marked.Contains(r.Id)));
        return ListAsync(drafts.OrderBy(r => r.ModifiedUtc).ThenBy(r => r.Id), drafts, take, cancellationToken);
    }

    /// <summary>Published items of <paramref name="types"/> whose next medical review is due by <paramref name="dueBy"/>, most overdue first.</summary>
    public Task<ReviewList> DueAsync(ContentVisibility visibility, IReadOnlyCollection<string> types, DateTime dueBy, int take, CancellationToken cancellationToken = default)
    {
        var due = db.FieldIndex.Where(f => types.Contains(f.ContentType) && f.ContentPart == PartNames.MedicalReviewPart
            && f.ContentField == nameof(MedicalReviewPart.NextReviewDueUtc) && f.Date <= dueBy);
        var published = visibility.Apply(db.ContentItems.AsNoTracking().Where(r => r.Published));
        var rows = published.Join(due, r => r.Id, f => f.VersionRowId, (r, f) => new { Row = r, Due = f.Date });
        return ListAsync(rows.OrderBy(x => x.Due).ThenBy(x => x.Row.Id).Select(x => x.Row), rows.Select(x => x.Row), take, cancellationToken);
    }

    private static async Task<ReviewList> ListAsync(IQueryable<ContentItemVersionRow> ordered, IQueryable<ContentItemVersionRow> all, int take, CancellationToken cancellationToken)
    {
        var rows = await ordered.Take(take).ToListAsync(cancellationToken);
        var total = rows.Count < take ? rows.Count : await all.CountAsync(cancellationToken);
        return new ReviewList(rows.ConvertAll(ContentItemMapper.ToItem), total);
    }
}
