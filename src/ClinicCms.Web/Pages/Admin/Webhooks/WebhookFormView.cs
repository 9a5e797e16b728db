using ClinicCms.Content.Validation;

namespace ClinicCms.Web.Pages.Admin.Webhooks;

/// <summary>The webhook fields partial's model: the form and the problems to show beside its fields.</summary>
public sealed record WebhookFormView(WebhookForm Form, IReadOnlyList<ContentError> Errors)
{
    public string? ErrorOf(string field) =>
        Errors.Where(e => e.Path == field || e.Path.StartsWith(field + "[", StringComparison.Ordinal)).Select(e => e.Message).FirstOrDefault();
}
