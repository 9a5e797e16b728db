using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
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
/// The body rendered as a frontend gets it: stored (sanitized) HTML, or Markdown rendered and sanitized as GraphQL does.
/// A reviewer, who may read drafts but not edit them, approves or requests changes here, on the draft as shown.
/// </summary>
public sealed class PreviewModel(ContentService content, ContentDefinitionStore definitions, AdminActions actions, MarkdownRenderer markdown, HtmlCleaner cleaner) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public ContentItem? Item { get; private set; }
    public string? BodyHtml { get; private set; }

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
        var html = type.Parts.Find(p => p.PartName == PartNames.HtmlBodyPart) is { } htmlPart ? Item.Part(htmlPart.Name).GetString("Html") : null;
        var md = type.Parts.Find(p => p.PartName == PartNames.MarkdownBodyPart) is { } mdPart ? Item.Part(mdPart.Name).GetString("Markdown") : null;
        // Always cleaned here: this page runs in the admin's origin, whatever a part's settings allow frontends.
        BodyHtml = html is not null ? cleaner.Clean(html) : md is not null ? markdown.ToHtml(md, sanitize: true) : null;
        CanDecide = type.TypeSettings.RequiresReview && !Item.Published && ReviewRecord.Of(Item).State == ReviewState.InReview &&
            await actions.CanAsync(User, Permissions.ReviewContent, Item, HttpContext.RequestAborted);
        return Page();
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
