using ClinicCms.Content.Validation;
using ClinicCms.Content.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Webhooks;

/// <summary>
/// The webhooks: list, create (the generated secret is shown once, here), enable or disable, delete. Needs ManageWebhooks
/// (the folder's policy). Invalid input is answered 400 with the form again and each message beside its field.
/// </summary>
public sealed class WebhooksModel(WebhookStore webhooks) : PageModel
{
    public List<WebhookRow> Webhooks { get; private set; } = [];

    [BindProperty]
    public WebhookForm Form { get; set; } = new() { Enabled = true };

    public List<ContentError> Errors { get; private set; } = [];
    public string? NewSecret { get; private set; }
    public string? NewName { get; private set; }

    public Task OnGetAsync() => LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        var (row, errors) = await webhooks.SaveAsync(null, Form.ToInput(), HttpContext.RequestAborted);
        if (row is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync();
            return Page();
        }
        (NewName, NewSecret, Form) = (row.Name, row.Secret, new WebhookForm { Enabled = true });
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostToggleAsync(long id)
    {
        if (await webhooks.FindAsync(id, HttpContext.RequestAborted) is not { } row)
        {
            return NotFound();
        }
        await webhooks.SetEnabledAsync(id, !row.Enabled, HttpContext.RequestAborted);
        TempData["Message"] = $"{row.Name} is {(row.Enabled ? "disabled" : "enabled")}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id)
    {
        if (await webhooks.FindAsync(id, HttpContext.RequestAborted) is not { } row || !await webhooks.DeleteAsync(id, HttpContext.RequestAborted))
        {
            return NotFound();
        }
        TempData["Message"] = $"{row.Name} is deleted, with its delivery log.";
        return RedirectToPage();
    }

    private async Task LoadAsync() => Webhooks = await webhooks.ListAsync(HttpContext.RequestAborted);
}
