namespace ClinicCms.Content.Webhooks;

/// <summary>An enabled webhook as the outbox needs it: which events and content types (none: all) it gets.</summary>
public sealed record WebhookSubscription(long Id, IReadOnlySet<string> Events, IReadOnlySet<string> ContentTypes)
{
    /// <param name="contentType">The changed item's type; null when the event concerns no one type (definitions, media).</param>
    public bool Wants(string eventType, string? contentType) =>
        Events.Contains(eventType) && (ContentTypes.Count == 0 || contentType is null || ContentTypes.Contains(contentType));

    public static WebhookSubscription Of(long id, string events, string contentTypes) => new(id,
        events.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal),
        contentTypes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal));
}
