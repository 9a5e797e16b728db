namespace ClinicCms.Content.Webhooks;

/// <summary>How one attempt went: the status code when the receiver answered, how long it took, and why it failed (null: delivered).</summary>
public sealed record WebhookAttemptResult(int? StatusCode, int DurationMs, string? Error)
{
    public bool Delivered => Error is null;

    /// <summary>No retry can go better (the target is refused as non-public): the delivery fails at once.</summary>
    public bool Final { get; init; }
}
