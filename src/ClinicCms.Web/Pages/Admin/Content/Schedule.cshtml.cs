using System.Globalization;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Admin;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Content;

/// <summary>
/// Sets or cancels an item's publish-later and archive-later times (UTC) from the edit page. Scheduling needs the
/// right to publish the item; the rules (a future time, an approved draft for a type that requires review) are the
/// content service's, the same as REST's.
/// </summary>
public sealed class ScheduleModel(ContentService content, AdminActions actions) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string Id { get; set; } = "";

    public IActionResult OnGet() => Redirect($"/admin/content/{Id}/edit");

    public async Task<IActionResult> OnPostAsync(string action, string? publishUtc, string? archiveUtc, string? baseStamp)
    {
        var item = await content.GetAsync(Id, VersionOptions.Latest, HttpContext.RequestAborted);
        if (item is null)
        {
            return NotFound();
        }
        if (!await actions.CanAsync(User, Permissions.PublishContent, item, HttpContext.RequestAborted))
        {
            return new ContentResult { StatusCode = StatusCodes.Status403Forbidden, ContentType = "text/plain; charset=utf-8", Content = "You may not schedule this item." };
        }
        if (action is not ("schedule" or "cancel"))
        {
            return BadRequest($"Unknown action '{action}': schedule or cancel.");
        }
        if (action == "schedule" && string.IsNullOrWhiteSpace(publishUtc) && string.IsNullOrWhiteSpace(archiveUtc))
        {
            return BadRequest("Give a publish or an archive time to schedule, or cancel the schedule.");
        }
        DateTime? publish = null, archive = null;
        if (action != "cancel" && (!TryParse(publishUtc, out publish) || !TryParse(archiveUtc, out archive)))
        {
            return BadRequest($"Not a date and time: '{(TryParse(publishUtc, out _) ? archiveUtc : publishUtc)}'. Use yyyy-MM-ddTHH:mm (UTC).");
        }
        var user = await actions.UserForAsync(User, item, HttpContext.RequestAborted);
        // Scheduling may approve the draft (a reviewer's schedule is their approval): only the draft the form showed.
        var stamp = action == "schedule" ? baseStamp ?? "" : string.IsNullOrEmpty(baseStamp) ? null : baseStamp;
        var result = await content.ScheduleAsync(Id, publish, archive, user, stamp, HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            // Nothing was changed: the message names the problem, as the REST API's would.
            var status = result.IsRefused ? StatusCodes.Status403Forbidden : result.IsConflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return new ContentResult { StatusCode = status, ContentType = "text/plain; charset=utf-8", Content = string.Join(" ", result.Errors.Select(e => e.ToString())) };
        }
        TempData["Message"] = action == "cancel" ? "Schedule cancelled." : "Scheduled.";
        return Redirect($"/admin/content/{Id}/edit");
    }

    private static bool TryParse(string? text, out DateTime? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }
        if (ClinicCms.Content.Scheduling.UtcDates.TryParse(text, out var parsed))
        {
            utc = parsed;
            return true;
        }
        return false;
    }
}
