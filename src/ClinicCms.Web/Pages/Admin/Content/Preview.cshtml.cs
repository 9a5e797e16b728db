using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Preparation;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.GraphQL.Rendering;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Content;

/// <summary>
/// Every value of the latest version by display name: HTML cleaned and Markdown rendered and sanitized as GraphQL does,
/// media as images, picked items by title, the rest as text.
/// A reviewer, who may read drafts but not edit them, approves or requests changes here, on the draft as shown.
/// </summary>
public sealed class PreviewModel(ContentService content, ContentDefinitionStore definitions, AdminActions actions, MarkdownRenderer markdown, HtmlCleaner cleaner) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public ContentItem? Item { get; private set; }
    public List<VersionField> Fields { get; private set; } = [];

    /// <summary>The fields shown in the page's body: not the title (the heading) nor the store's own parts (listed below).</summary>
    public IEnumerable<VersionField> Shown => Fields.Where(f => !f.Technical && f.Key != _titleKey);

    private string? _titleKey;

    /// <summary>The HTML and Markdown values as the page shows them: cleaned here, whatever was stored.</summary>
    public Dictionary<string, string> SafeHtml { get; } = new(StringComparer.Ordinal);

    /// <summary>Items the pickers name, by id; null when missing or the viewer may not preview it (shown by id alone).</summary>
    public Dictionary<string, ContentItem?> Picked { get; } = new(StringComparer.Ordinal);

    /// <summary>Whether the signed-in user may decide on this draft's review now.</summary>
    public bool CanDecide { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        Item = await content.GetAsync(Id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (Item is null || (await definitions.GetAsync(HttpContext.RequestAborted)).FindType(Item.ContentType) is not { } type)
        {
            return NotFound();
        }
        if (!await actions.CanAsync(User, Permissions.PreviewContent, Item, HttpContext.RequestAborted))
        {
            return StatusCode(StatusCodes.Status403Forbidden);
        }
        _titleKey = type.Parts.Find(p => p.PartName == PartNames.TitlePart) is { } title ? $"{title.Name}.Title" : null;
        Fields = VersionFields.Read(Item, type, await definitions.GetAsync(HttpContext.RequestAborted));
        foreach (var field in Fields)
        {
            await PrepareAsync(field);
        }
        CanDecide = type.TypeSettings.RequiresReview && !Item.Published && ReviewRecord.Of(Item).State == ReviewState.InReview &&
            await actions.CanAsync(User, Permissions.ReviewContent, Item, HttpContext.RequestAborted);
        return Page();
    }

    // Always cleaned here: this page runs in the admin's origin, whatever a part's settings allow frontends.
    private async Task PrepareAsync(VersionField field)
    {
        switch (field.Kind)
        {
            case VersionFields.Html or "HtmlField" when field.Text is not null:
                SafeHtml[field.Key] = cleaner.Clean(field.Text);
                break;
            case VersionFields.Markdown or "MarkdownField" when field.Text is not null:
                SafeHtml[field.Key] = markdown.ToHtml(field.Text, sanitize: true) ?? "";
                break;
            case "ContentPickerField":
                foreach (var id in FieldJson.Strings(field.Json, "ContentItemIds").Where(id => !Picked.ContainsKey(id)))
                {
                    var picked = await content.GetAsync(id, VersionOptions.Latest, HttpContext.RequestAborted);
                    Picked[id] = picked is not null && await actions.CanAsync(User, Permissions.PreviewContent, picked, HttpContext.RequestAborted) ? picked : null;
                }
                break;
        }
    }

    /// <summary>The Preview button of a type with a PreviewUrl: a fresh preview token, and on to the frontend (else to this page).</summary>
    public async Task<IActionResult> OnPostSiteAsync([FromServices] Preview.PreviewTokenIssuer issuer)
    {
        var (issued, status, _) = await issuer.IssueAsync(User, Security.PermissionService.WriterOf(HttpContext), Id, HttpContext.RequestAborted);
        return issued is null ? StatusCode(status) : Redirect(issued.Url ?? $"/admin/content/{Id}/preview");
    }

    /// <summary>Approve or request changes on the draft as it was shown (<paramref name="baseStamp"/>); AdminActions checks the rights.</summary>
    public async Task<IActionResult> OnPostAsync(string action, string baseStamp, string? comment)
    {
        ReviewAction? step = action switch { "approve" => ReviewAction.Approve, "request-changes" => ReviewAction.RequestChanges, _ => null };
        var error = step is null
            ? "Unknown review action."
            : await actions.ReviewAsync(User, Id, step.Value, comment, baseStamp ?? "", HttpContext.RequestAborted);
        TempData["Message"] = error ?? (step == ReviewAction.Approve ? "Approved: it can be published." : "Changes requested.");
        return Redirect($"/admin/content/{Id}/preview");
    }
}
