using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Queries;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Admin;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Content;

/// <summary>All items or one type: search, filter by status, sort, page (in SQL); bulk actions after a confirmation.</summary>
public sealed class ContentListModel(ContentDefinitionStore definitions, AdminContentQueries queries, ContentService content, AdminActions actions,
    ContentAuthorizer authorizer, ClinicCms.Content.Localization.SiteCultures siteCultures) : PageModel
{
    private const int MaxBulkItems = 500;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "Any";
    [BindProperty(SupportsGet = true)] public string? Culture { get; set; }
    [BindProperty(SupportsGet = true)] public string Sort { get; set; } = "Modified";
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1; // "page" is Razor Pages' own route value: it never binds

    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];
    public TypeLabels TypeLabels { get; private set; } = TypeLabels.Of(new ContentDefinitionSet());

    /// <summary>The site's cultures, for the culture filter; empty when the site sets none.</summary>
    public IReadOnlyList<string> Cultures { get; private set; } = [];

    /// <summary>Whether the list is narrowed by a search or a filter (an empty result then means "no match", not "no content").</summary>
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || !string.IsNullOrEmpty(Type) || Status != "Any" || !string.IsNullOrEmpty(Culture);
    public AdminListPage Results { get; private set; } = new([], 0, 1, 25);
    public List<ContentItem>? Confirm { get; private set; }
    public string BulkAction { get; private set; } = "";
    public string ConfirmTitle => $"{BulkAction} these {Confirm?.Count} items?";

    public Task OnGetAsync() => LoadAsync();

    /// <summary>First step of a bulk action: show what it will touch, once the caller may act on every item.</summary>
    public async Task<IActionResult> OnPostConfirmAsync(string[] ids, string action)
    {
        await LoadAsync();
        if (ids.Length == 0 || action is not ("Publish" or "Unpublish" or "Delete"))
        {
            TempData["Message"] = "Select items and an action first.";
            return RedirectToPage();
        }
        var (allowed, refused) = await CheckAsync(ids, action);
        if (refused is not null)
        {
            return refused;
        }
        BulkAction = action;
        Confirm = allowed;
        return Page();
    }

    public async Task<IActionResult> OnPostBulkAsync(string[] ids, string action)
    {
        if (action is not ("Publish" or "Unpublish" or "Delete"))
        {
            return BadRequest("Unknown action.");
        }
        // All or nothing: one item the caller may not touch refuses the whole batch before anything changes.
        var (_, refused) = await CheckAsync(ids, action);
        if (refused is not null)
        {
            return refused;
        }
        var failures = new List<string>();
        foreach (var id in ids.Distinct(StringComparer.Ordinal))
        {
            var error = action switch
            {
                "Publish" => await actions.PublishAsync(User, id, HttpContext.RequestAborted),
                "Unpublish" => await actions.UnpublishAsync(User, id, HttpContext.RequestAborted),
                _ => await actions.DeleteAsync(User, id, HttpContext.RequestAborted),
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
        $"/admin/content?q={Uri.EscapeDataString(Q ?? "")}&type={Uri.EscapeDataString(Type ?? "")}&status={Status}&culture={Uri.EscapeDataString(Culture ?? "")}&sort={Sort}&p={page}";

    /// <summary>
    /// The items of a bulk action, or a refusal naming by id only (never by title) those that do not exist or that
    /// the caller may not act on, so posting another user's ids reveals nothing about them.
    /// </summary>
    private async Task<(List<ContentItem> Allowed, IActionResult? Refused)> CheckAsync(string[] ids, string action)
    {
        var distinct = ids.Distinct(StringComparer.Ordinal).ToList();
        if (distinct.Count > MaxBulkItems)
        {
            return ([], BadRequest($"Select at most {MaxBulkItems} items at once."));
        }
        var permission = action == "Delete" ? Permissions.DeleteContent : Permissions.PublishContent;
        var allowed = new List<ContentItem>();
        var refused = new List<string>();
        foreach (var id in distinct)
        {
            var item = await content.GetAsync(id, VersionOptions.Latest, HttpContext.RequestAborted)
                ?? await content.GetAsync(id, VersionOptions.Published, HttpContext.RequestAborted);
            if (item is not null && await authorizer.CanAsync(User, permission, item, HttpContext.RequestAborted))
            {
                allowed.Add(item);
            }
            else
            {
                refused.Add(id.Length > 64 ? id[..64] + "…" : id);
            }
        }
        if (refused.Count == 0)
        {
            return (allowed, null);
        }
        var message = $"You may not {action.ToLowerInvariant()} these items, or they do not exist: {string.Join(", ", refused)}. Nothing was done.";
        return (allowed, new ContentResult { StatusCode = StatusCodes.Status403Forbidden, Content = message, ContentType = "text/plain; charset=utf-8" });
    }

    private async Task LoadAsync()
    {
        var set = await definitions.GetAsync(HttpContext.RequestAborted);
        TypeLabels = TypeLabels.Of(set);
        Types = set.Types.Where(t => t.TypeSettings.Listable || t.TypeSettings.Creatable).ToList();
        Cultures = (await siteCultures.GetAsync(HttpContext.RequestAborted))?.SupportedCultures ?? [];
        var query = new AdminListQuery(
            string.IsNullOrEmpty(Type) ? null : Type,
            Q,
            Enum.TryParse<AdminStatusFilter>(Status, out var status) ? status : AdminStatusFilter.Any,
            Enum.TryParse<AdminSort>(Sort, out var sort) ? sort : AdminSort.Modified,
            Math.Max(1, PageNumber),
            Visibility: await authorizer.ListVisibilityAsync(User, HttpContext.RequestAborted))
        {
            Culture = string.IsNullOrEmpty(Culture) ? null : Culture,
        };
        Results = await queries.ListAsync(query, HttpContext.RequestAborted);
    }
}
