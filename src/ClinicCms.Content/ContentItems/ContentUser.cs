namespace ClinicCms.Content.ContentItems;

/// <summary>Who makes a change: becomes an item's Owner (id) and a version's Author (name).</summary>
public sealed record ContentUser(string? Id, string? Name)
{
    public static readonly ContentUser System = new(null, null);
}
