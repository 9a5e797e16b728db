using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Queries;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin;

/// <summary>Counts per content type and the latest edits, of the items the caller may list.</summary>
public sealed class DashboardModel(ContentDefinitionStore definitions, AdminContentQueries queries, Security.ContentAuthorizer authorizer) : PageModel
{
    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];
    public Dictionary<string, (int Items, int Published)> Counts { get; private set; } = [];
    public IReadOnlyList<ContentItem> LatestEdits { get; private set; } = [];
    public Web.Admin.TypeLabels TypeLabels { get; private set; } = Web.Admin.TypeLabels.Of(new ContentDefinitionSet());

    public async Task OnGetAsync()
    {
        var set = await definitions.GetAsync(HttpContext.RequestAborted);
        TypeLabels = Web.Admin.TypeLabels.Of(set);
        Types = set.Types
            .Where(t => t.TypeSettings.Creatable || t.TypeSettings.Listable).ToList();
        var listed = await authorizer.ListVisibilityAsync(User, HttpContext.RequestAborted);
        Counts = await queries.CountsAsync(listed, HttpContext.RequestAborted);
        LatestEdits = await queries.LatestEditsAsync(listed, 10, HttpContext.RequestAborted);
    }
}
