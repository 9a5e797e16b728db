namespace ClinicCms.Content.ContentItems;

/// <summary>Who makes a change: becomes an item's Owner (id) and a version's Author (name).</summary>
public sealed record ContentUser(string? Id, string? Name)
{
    /// <summary>
    /// Holds ReviewContent for the item written: may approve, and publishes without a prior approval (recorded as theirs).
    /// Like every permission, it is decided where the user is known: the admin and the REST API set it from the caller's
    /// rights. Off unless said: a writer that forgets to ask cannot publish unreviewed content.
    /// </summary>
    public bool CanReview { get; init; }

    /// <summary>
    /// Holds PublishContent for the item written: may schedule its publishing or archiving (a schedule is a publish
    /// decided now). Set where the user is known, like <see cref="CanReview"/>; off unless said.
    /// </summary>
    public bool CanPublish { get; init; }

    /// <summary>
    /// Holds EditContent for every item of the written item's type, not only the user's own: may put an item into a
    /// localization set that holds other users' items (which decides what readers see as those items' translations).
    /// Set where the user is known, like <see cref="CanReview"/>; off unless said.
    /// </summary>
    public bool CanEditOthers { get; init; }

    /// <summary>The client's address, for the audit trail (behind a trusted proxy, the address it forwarded); null when unknown.</summary>
    public string? Address { get; init; }

    /// <summary>The site itself (setup, the command line): trusted, as it runs with the operator's rights.</summary>
    public static readonly ContentUser System = new(null, null) { CanReview = true, CanPublish = true, CanEditOthers = true };
}
