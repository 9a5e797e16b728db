using System.Globalization;
using ClinicCms.Content.Audit;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Security;
using ClinicCms.Web.Security;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Audit;

/// <summary>
/// The audit trail, newest first, paged, filtered by category, event, user, item and UTC dates. Needs ViewAuditTrail
/// (the folder's policy); each reader sees content rows of the types they may view, and other rows only with the
/// permission that manages what they are about.
/// </summary>
public sealed class AuditModel(AuditTrail audit, PermissionService permissions, ContentDefinitionStore definitions) : PageModel
{
    public const int PageSize = 50;
    public const int MaxFilterLength = 200;
    private const int MaxPage = 10_000;

    [BindProperty(SupportsGet = true)] public string? Category { get; set; }
    [BindProperty(SupportsGet = true, Name = "event")] public string? Event { get; set; }
    [BindProperty(SupportsGet = true, Name = "user")] public string? UserFilter { get; set; }
    [BindProperty(SupportsGet = true, Name = "item")] public string? Item { get; set; }
    [BindProperty(SupportsGet = true)] public string? From { get; set; }
    [BindProperty(SupportsGet = true)] public string? To { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1; // "page" is Razor Pages' own route value: it never binds

    public IReadOnlyList<string> Categories { get; private set; } = [];
    public AuditPage Results { get; private set; } = new([], false);
    public bool ShowAddresses { get; private set; }
    public Web.Admin.TypeLabels TypeLabels { get; private set; } = Web.Admin.TypeLabels.Of(new ContentDefinitionSet());

    public async Task<IActionResult> OnGetAsync()
    {
        var cancellationToken = HttpContext.RequestAborted;
        if (Problem() is { } problem)
        {
            return BadRequest(problem);
        }
        var scope = await ScopeAsync(cancellationToken);
        Categories = AuditCategories.All.Where(scope.Categories.Contains).ToList();
        PageNumber = Math.Clamp(PageNumber, 1, MaxPage);
        var filter = new AuditFilter(Blank(Category), Blank(Event), Blank(UserFilter), Blank(Item), Date(From), Date(To));
        Results = await audit.ListAsync(filter, scope, PageNumber, PageSize, cancellationToken);
        TypeLabels = Web.Admin.TypeLabels.Of(await definitions.GetAsync(cancellationToken));
        return Page();
    }

    public string PageLink(int page) => "/admin/audit?" + string.Join("&", new[]
    {
        ("category", Category), ("event", Event), ("user", UserFilter), ("item", Item), ("from", From), ("to", To), ("p", page.ToString(CultureInfo.InvariantCulture)),
    }.Where(p => !string.IsNullOrEmpty(p.Item2)).Select(p => $"{p.Item1}={Uri.EscapeDataString(p.Item2!)}"));

    /// <summary>Why the filter cannot be read, naming the field; null when it can.</summary>
    private string? Problem()
    {
        foreach (var (name, value) in new[] { ("category", Category), ("event", Event), ("user", UserFilter), ("item", Item), ("from", From), ("to", To) })
        {
            if (value is { Length: > MaxFilterLength })
            {
                return $"{name}: at most {MaxFilterLength} characters";
            }
        }
        if (Blank(Category) is { } category && !AuditCategories.All.Contains(category))
        {
            return $"category: one of {string.Join(", ", AuditCategories.All)}";
        }
        if (Blank(Event) is { } auditEvent && !AuditEvents.All.Contains(auditEvent) && auditEvent != "reviewed")
        {
            return $"event: one of {string.Join(", ", AuditEvents.All)}";
        }
        if ((Blank(From) is { } from && !IsDate(from)) || (Blank(To) is { } to && !IsDate(to)))
        {
            return "from, to: a date as yyyy-MM-dd";
        }
        return null;
    }

    private async Task<AuditScope> ScopeAsync(CancellationToken cancellationToken)
    {
        var held = await permissions.ForAsync(User, cancellationToken);
        ShowAddresses = held.Has(Permissions.ManageUsers); // where people are is about the people: for those who manage them
        var categories = new List<string>();
        void Add(string category, string permission)
        {
            if (held.Has(permission))
            {
                categories.Add(category);
            }
        }
        Add(AuditCategories.Type, Permissions.ViewContentTypes);
        Add(AuditCategories.Role, Permissions.ManageRoles);
        Add(AuditCategories.User, Permissions.ManageUsers);
        Add(AuditCategories.SignIn, Permissions.ManageUsers);
        Add(AuditCategories.Client, Permissions.ManageOpenIdApplications);
        Add(AuditCategories.Recipe, Permissions.Import);
        Add(AuditCategories.Site, Permissions.ManageSettings);
        Add(AuditCategories.Media, Permissions.ManageMediaContent);
        if (held.IsAdministrator)
        {
            return new AuditScope([AuditCategories.Content, .. categories], null);
        }
        var types = (await definitions.GetAsync(cancellationToken)).Types
            // Content rows carry drafts' review comments: they need the right to read drafts, not only published items.
            .Where(t => held.Has(t.TypeSettings.Securable ? Permissions.ForType(Permissions.PreviewContent, t.Name) : Permissions.PreviewContent))
            .Select(t => t.Name).ToList();
        return new AuditScope(types.Count > 0 ? [AuditCategories.Content, .. categories] : categories, types);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsDate(string value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static DateOnly? Date(string? value) =>
        Blank(value) is { } text && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
}
