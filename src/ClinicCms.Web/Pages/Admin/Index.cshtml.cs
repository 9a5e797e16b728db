using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Queries;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin;

/// <summary>Counts per content type and the latest edits.</summary>
public sealed class DashboardModel(ContentDefinitionStore definitions, AdminContentQueries queries) : PageModel
{
    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];
    public Dictionary<string, (int Items, int Published)> Counts { get; private set; } = [];
    public IReadOnlyList<ContentItem> LatestEdits { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Types = (await definitions.GetAsync(HttpContext.RequestAborted)).Types
            .Where(t => t.TypeSettings.Creatable || t.TypeSettings.Listable).ToList();
        Counts = await queries.CountsAsync(HttpContext.RequestAborted);
        LatestEdits = await queries.LatestEditsAsync(10, HttpContext.RequestAborted);
    }
}
