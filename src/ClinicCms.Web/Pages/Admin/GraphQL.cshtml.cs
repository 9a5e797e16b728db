using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin;

/// <summary>A GraphQL explorer with schema docs and suggestions, written for ClinicCms (no third-party bundle to ship).</summary>
public sealed class GraphQLExplorerModel : PageModel
{
    public void OnGet()
    {
    }
}
