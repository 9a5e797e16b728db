namespace ClinicCms.Content.Webhooks;

/// <summary>A claimed delivery with what sending it needs: the body, where to, and the secret to sign with.</summary>
public sealed record WebhookDelivery(string Id, long WebhookId, string Payload, int Attempts, string Url, string Secret, bool Enabled);
