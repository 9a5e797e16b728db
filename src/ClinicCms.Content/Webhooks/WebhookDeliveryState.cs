namespace ClinicCms.Content.Webhooks;

/// <summary>Where a delivery stands: waiting for an attempt, received (a 2xx answer), or given up after its last retry.</summary>
public static class WebhookDeliveryState
{
    public const string Pending = "Pending";
    public const string Delivered = "Delivered";
    public const string Failed = "Failed";
}
