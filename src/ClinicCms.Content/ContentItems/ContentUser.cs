namespace ClinicCms.Content.ContentItems;

/// <summary>Who makes a change: becomes an item's Owner (id) and a version's Author (name).</summary>
public sealed record ContentUser(string? Id, string? Name)
{
    /// <summary>
    /// Holds ReviewContent for the item written: may approve, and publishes without a prior approval (recorded as theirs).
    /// Like every permission, it is decided where the user is known: the admin and the REST API set it from the caller's
    /// rights; in-process writers acting for the site (setup, tests, tools) are trusted and keep the default.
    /// </summary>
    public bool CanReview { get; init; } = true;

    public static readonly ContentUser System = new(null, null);
}
