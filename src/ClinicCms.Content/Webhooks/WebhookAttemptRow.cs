namespace ClinicCms.Content.Webhooks;

/// <summary>One attempt to send a delivery: the receiver's status code (none when no answer came), how long it took, and why it failed.</summary>
public sealed class WebhookAttemptRow
{
    public const int MaxError = 500;

    public long Id { get; set; }
    public string DeliveryId { get; set; } = "";
    public long WebhookId { get; set; }
    public DateTime AttemptedUtc { get; set; }
    public int? StatusCode { get; set; }
    public int DurationMs { get; set; }
    public string? Error { get; set; }
}
