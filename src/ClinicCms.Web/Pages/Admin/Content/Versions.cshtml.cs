using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Content;

/// <summary>Every version with its author and time, a side-by-side diff of any two, and restoring one as a new draft.</summary>
public sealed class VersionsModel(ContentService content, ContentDefinitionStore definitions, AdminActions actions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(SupportsGet = true)] public string? A { get; set; }
    [BindProperty(SupportsGet = true)] public string? B { get; set; }

    /// <summary>Whether unchanged values are listed too; by default only what changed is.</summary>
    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    public IReadOnlyList<ContentItem> Versions { get; private set; } = [];
    public List<VersionDiff.Row>? Diff { get; private set; }
    public string? TypeName { get; private set; }

    /// <summary>The rows shown: the changed ones, or all of them when asked.</summary>
    public IEnumerable<VersionDiff.Row> Shown => (Diff ?? []).Where(r => All || r.Changed);
    public int Unchanged => (Diff ?? []).Count(r => !r.Changed);

    public string Link(bool all) => $"/admin/content/{Uri.EscapeDataString(Id)}/versions?a={Uri.EscapeDataString(A ?? "")}&b={Uri.EscapeDataString(B ?? "")}&all={(all ? "true" : "false")}";

    public async Task<IActionResult> OnGetAsync()
    {
        Versions = await content.ListVersionsAsync(Id, HttpContext.RequestAborted);
        if (Versions.Count == 0)
        {
            return NotFound();
        }
        if (!await actions.CanAsync(User, Permissions.EditContent, Versions[^1], HttpContext.RequestAborted))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        A ??= Versions.Count > 1 ? Versions[^2].ContentItemVersionId : Versions[0].ContentItemVersionId;
        B ??= Versions[^1].ContentItemVersionId;
        if (Versions.FirstOrDefault(v => v.ContentItemVersionId == A) is { } a && Versions.FirstOrDefault(v => v.ContentItemVersionId == B) is { } b)
        {
            var set = await definitions.GetAsync(HttpContext.RequestAborted);
            var type = set.FindType(b.ContentType);
            TypeName = type?.DisplayName ?? b.ContentType;
            Diff = VersionDiff.Compare(a, b, type, set);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostRestoreAsync(string version)
    {
        var error = await actions.RestoreAsync(User, Id, version, HttpContext.RequestAborted);
        TempData["Message"] = error ?? "The version was restored as a new draft. Publish it to put it on the site.";
        return Redirect($"/admin/content/{Id}/edit");
    }
}
