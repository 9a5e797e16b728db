namespace ClinicCms.Content.Webhooks;

/// <summary>
/// One delivery of one event to one webhook (the outbox): written in the transaction of the change it reports, then
/// sent, retried and finished by the deliverer. Its id is the <c>webhook-id</c> header, the same on every retry.
/// </summary>
public sealed class WebhookDeliveryRow
{
    public string Id { get; set; } = "";
    public long WebhookId { get; set; }

    /// <summary>One of <see cref="WebhookEvents"/>.</summary>
    public string EventType { get; set; } = "";

    /// <summary>The JSON body, exactly as signed and sent (UTF-8).</summary>
    public string Payload { get; set; } = "";

    public DateTime CreatedUtc { get; set; }

    /// <summary>When the next attempt is due; null once delivered or failed.</summary>
    public DateTime? NextAttemptUtc { get; set; }

    public int Attempts { get; set; }

    /// <summary>One of <see cref="WebhookDeliveryState"/>.</summary>
    public string State { get; set; } = WebhookDeliveryState.Pending;

    /// <summary>The instance that claimed the delivery for an attempt, until <see cref="ClaimedUntilUtc"/>.</summary>
    public string? ClaimedBy { get; set; }

    /// <summary>An attempt in progress holds the row until then; a crashed instance's claim runs out.</summary>
    public DateTime? ClaimedUntilUtc { get; set; }
}
