using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Queries;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Content;

/// <summary>All items or one type: search, filter by status, sort, page (in SQL); bulk actions after a confirmation.</summary>
public sealed class ContentListModel(ContentDefinitionStore definitions, AdminContentQueries queries, ContentService content, AdminActions actions,
    Security.PermissionService permissions) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "Any";
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "Modified";
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];
    public AdminListPage Results { get; private set; } = new([], 0, 1, 25);
    public List<ContentItem>? Confirm { get; private set; }
    public string BulkAction { get; private set; } = "";
    public string ConfirmTitle => $"{BulkAction} these {Confirm?.Count} items?";

    public Task OnGetAsync() => LoadAsync();

    /// <summary>First step of a bulk action: show what it will touch.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string[] ids, string action)
    {
        await LoadAsync();
        if (ids.Length == 0 || action is not ("Publish" or "Unpublish" or "Delete"))
        {
            TempData["Message"] = "Select items and an action first.";
            return RedirectToPage();
        }
        BulkAction = action;
        Confirm = [];
        foreach (var id in ids.Distinct())
        {
            if (await content.GetAsync(id, VersionOptions.Latest, HttpContext.RequestAborted) is { } item)
            {
                Confirm.Add(item);
            }
        }
        return Page();
    }

    public async Task<IActionResult> OnPostBulkAsync(string[] ids, string action)
    {
        var failures = new List<string>();
        foreach (var id in ids.Distinct())
        {
            var error = action switch
            {
                "Publish" => await actions.PublishAsync(User, id, HttpContext.RequestAborted),
                "Unpublish" => await actions.UnpublishAsync(User, id, HttpContext.RequestAborted),
                "Delete" => await actions.DeleteAsync(User, id, HttpContext.RequestAborted),
                _ => "Unknown action.",
            };
            if (error is not null)
            {
                failures.Add(error);
            }
        }
        TempData["Message"] = failures.Count == 0
            ? $"{action} done for {ids.Length} items."
            : $"{action} done for {ids.Length - failures.Count} of {ids.Length} items. {string.Join(" ", failures)}";
        return RedirectToPage();
    }

    public string PageLink(int page) =>
        $"/admin/content?q={Uri.EscapeDataString(Q ?? "")}&type={Uri.EscapeDataString(Type ?? "")}&status={Status}&sort={Sort}&page={page}";

    private async Task LoadAsync()
    {
        Types = (await definitions.GetAsync(HttpContext.RequestAborted)).Types.Where(t => t.TypeSettings.Listable || t.TypeSettings.Creatable).ToList();
        // Without ListContent an editor lists their own items only, as in Orchard's admin.
        var held = await permissions.ForAsync(User, HttpContext.RequestAborted);
        Results = await queries.ListAsync(new AdminListQuery(
            string.IsNullOrEmpty(Type) ? null : Type,
            Q,
            Enum.TryParse<AdminStatusFilter>(Status, out var status) ? status : AdminStatusFilter.Any,
            Enum.TryParse<AdminSort>(Sort, out var sort) ? sort : AdminSort.Modified,
            Math.Max(1, PageNumber),
            OwnerOnly: held.Has(ClinicCms.Content.Security.Permissions.ListContent) ? null : held.UserId ?? "\u0000"), HttpContext.RequestAborted);
    }
}
