using ClinicCms.Content.Webhooks;

namespace ClinicCms.Web.Pages.Admin.Webhooks;

/// <summary>The webhook form's fields as posted: events as checkboxes, content types as one space- or comma-separated line.</summary>
public sealed class WebhookForm
{
    public string? Name { get; set; }
    public string? Url { get; set; }
    public string[] Events { get; set; } = [];
    public string? ContentTypes { get; set; }
    public bool Enabled { get; set; }

    public WebhookInput ToInput(string? secret = null) => new(Name, Url, Events,
        (ContentTypes ?? "").Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries), secret, Enabled);

    public static WebhookForm Of(WebhookRow row) => new()
    {
        Name = row.Name,
        Url = row.Url,
        Events = [.. row.EventList],
        ContentTypes = string.Join(' ', row.ContentTypeList),
        Enabled = row.Enabled,
    };
}
