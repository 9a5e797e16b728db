using ClinicCms.Content.Validation;
using ClinicCms.Content.Webhooks;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicCms.Web.Pages.Admin.Webhooks;

/// <summary>
/// One webhook: its settings, a new secret (shown once, in the answer to that POST; a stored secret is never shown
/// again, so a stolen session cannot read it), and its delivery log with every attempt and a Redeliver button. Needs ManageWebhooks (the folder's policy).
/// </summary>
public sealed class WebhookEditModel(WebhookStore webhooks, WebhookDeliveries deliveries) : PageModel
{
    public const int LogSize = 50;

    [FromRoute]
    public long Id { get; set; }

    public WebhookRow? Webhook { get; private set; }

    [BindProperty]
    public WebhookForm Form { get; set; } = new();

    public List<ContentError> Errors { get; private set; } = [];
    public string? ShownSecret { get; private set; }
    public List<WebhookDeliveryRow> Deliveries { get; private set; } = [];
    public ILookup<string, WebhookAttemptRow> Attempts { get; private set; } = Array.Empty<WebhookAttemptRow>().ToLookup(a => a.DeliveryId);

    public async Task<IActionResult> OnGetAsync()
    {
        if (!await LoadAsync())
        {
            return NotFound();
        }
        Form = WebhookForm.Of(Webhook!);
        return Page();
    }

    public async Task<IActionResult> OnPostSaveAsync()
    {
        var (row, errors) = await webhooks.SaveAsync(Id, Form.ToInput(), HttpContext.RequestAborted);
        if (row is null && errors.Any(e => e.Path.Length == 0))
        {
            return NotFound();
        }
        if (row is null)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return await LoadAsync() ? Page() : NotFound();
        }
        TempData["Message"] = $"{row.Name} is saved.";
        return RedirectToPage();
    }

    // A POST naming no handler of this page (the removed ShowSecret, say) lands here instead of rendering an empty page.
    public IActionResult OnPost() => BadRequest("handler: unknown; this page has Save, NewSecret and Redeliver.");

    public async Task<IActionResult> OnPostNewSecretAsync() => await ShowAsync(await webhooks.NewSecretAsync(Id, HttpContext.RequestAborted));

    public async Task<IActionResult> OnPostRedeliverAsync(string? deliveryId)
    {
        if (string.IsNullOrEmpty(deliveryId))
        {
            return BadRequest("deliveryId: required, the delivery to send again.");
        }
        switch (await deliveries.RedeliverAsync(Id, deliveryId, HttpContext.RequestAborted))
        {
            case WebhookRedelivery.NotFound:
                return NotFound();
            case WebhookRedelivery.InProgress:
                return new ConflictObjectResult($"deliveryId: {deliveryId} is being sent by an instance now; redeliver it once that attempt is logged.");
        }
        TempData["Message"] = $"{deliveryId} is sent again.";
        return RedirectToPage();
    }

    private async Task<IActionResult> ShowAsync(string? secret)
    {
        if (secret is null || !await LoadAsync())
        {
            return NotFound();
        }
        (ShownSecret, Form) = (secret, WebhookForm.Of(Webhook!));
        return Page();
    }

    private async Task<bool> LoadAsync()
    {
        Webhook = await webhooks.FindAsync(Id, HttpContext.RequestAborted);
        if (Webhook is null)
        {
            return false;
        }
        Deliveries = await deliveries.ListAsync(Id, LogSize, HttpContext.RequestAborted);
        Attempts = await deliveries.AttemptsAsync([.. Deliveries.Select(d => d.Id)], HttpContext.RequestAborted);
        return true;
    }
}
