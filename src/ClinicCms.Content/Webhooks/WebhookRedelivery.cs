namespace ClinicCms.Content.Webhooks;

/// <summary>What asking for a delivery to be sent again did.</summary>
public enum WebhookRedelivery
{
    /// <summary>The delivery is due now, with a fresh set of retries.</summary>
    Queued,

    /// <summary>The webhook has no such delivery.</summary>
    NotFound,

    /// <summary>An instance holds a live claim on it (an attempt may be on its way): nothing changed.</summary>
    InProgress,
}
