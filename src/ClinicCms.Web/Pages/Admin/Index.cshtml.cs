using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Queries;
using ClinicCms.Content.Versions;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin;

/// <summary>Counts per content type, the latest edits and the review work (waiting drafts, reviews due), of the items the caller may list.</summary>
public sealed class DashboardModel(ContentDefinitionStore definitions, AdminContentQueries queries, ReviewLists reviews, Security.ContentAuthorizer authorizer, TimeProvider clock) : PageModel
{
    /// <summary>How far ahead the dashboard lists medical reviews coming due.</summary>
    public static readonly TimeSpan DueHorizon = TimeSpan.FromDays(30);

    private const int ListLength = 10;

    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];
    public Dictionary<string, (int Items, int Published)> Counts { get; private set; } = [];
    public IReadOnlyList<ContentItem> LatestEdits { get; private set; } = [];
    public ReviewList? InReview { get; private set; }
    public ReviewList? ChangesRequested { get; private set; }
    public ReviewList? ReviewDue { get; private set; }
    public DateTime Now { get; private set; }
    public Web.Admin.TypeLabels TypeLabels { get; private set; } = Web.Admin.TypeLabels.Of(new ContentDefinitionSet());

    public async Task OnGetAsync()
    {
        var ct = HttpContext.RequestAborted;
        var defs = await definitions.GetAsync(ct);
        TypeLabels = Web.Admin.TypeLabels.Of(defs);
        Types = defs.Types.Where(t => t.TypeSettings.Creatable || t.TypeSettings.Listable).ToList();
        var listed = await authorizer.ListVisibilityAsync(User, ct);
        Counts = await queries.CountsAsync(listed, ct);
        LatestEdits = await queries.LatestEditsAsync(listed, ListLength, ct);
        Now = clock.GetUtcNow().UtcDateTime;
        var reviewed = defs.Types.Where(t => t.TypeSettings.RequiresReview).Select(t => t.Name).ToList();
        if (reviewed.Count > 0)
        {
            InReview = await reviews.WaitingAsync(listed, reviewed, ReviewState.InReview, ListLength, ct);
            ChangesRequested = await reviews.WaitingAsync(listed, reviewed, ReviewState.ChangesRequested, ListLength, ct);
        }
        var medical = defs.Types.Where(t => t.FindPart(PartNames.MedicalReviewPart) is not null).Select(t => t.Name).ToList();
        if (medical.Count > 0)
        {
            ReviewDue = await reviews.DueAsync(listed, medical, Now + DueHorizon, ListLength, ct);
        }
    }
}
