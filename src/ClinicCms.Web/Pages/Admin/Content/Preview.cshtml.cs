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

/// <summary>The body rendered as a frontend gets it: stored (sanitized) HTML, or Markdown rendered and sanitized as GraphQL does.</summary>
public sealed class PreviewModel(ContentService content, ContentDefinitionStore definitions, AdminActions actions, MarkdownRenderer markdown, HtmlCleaner cleaner) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = "";

    public ContentItem? Item { get; private set; }
    public string? BodyHtml { get; private set; }

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
        return Page();
    }
}
