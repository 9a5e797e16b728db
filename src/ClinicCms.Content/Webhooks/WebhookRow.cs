namespace ClinicCms.Content.Webhooks;

/// <summary>
/// One webhook subscription: where to POST which events, for which content types (none: all), signed with its secret.
/// Events and content types are stored space-separated: they are read whole, never queried inside.
/// </summary>
public sealed class WebhookRow
{
    public const int MaxName = 100;
    public const int MaxUrl = 2000;

    public long Id { get; set; }
    public string Name { get; set; } = "";

    /// <summary>An absolute http or https URL.</summary>
    public string Url { get; set; } = "";

    /// <summary>Event names (<see cref="WebhookEvents"/>), space-separated.</summary>
    public string Events { get; set; } = "";

    /// <summary>Content type names, space-separated; empty means every type.</summary>
    public string ContentTypes { get; set; } = "";

    /// <summary><c>whsec_</c> and the base64 of the signing key (Standard Webhooks).</summary>
    public string Secret { get; set; } = "";

    public bool Enabled { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ModifiedUtc { get; set; }

    public IReadOnlyList<string> EventList => Split(Events);

    public IReadOnlyList<string> ContentTypeList => Split(ContentTypes);

    private static string[] Split(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
