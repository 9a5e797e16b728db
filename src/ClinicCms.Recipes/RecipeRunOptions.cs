using ClinicCms.Content.ContentItems;

namespace ClinicCms.Recipes;

/// <summary>What a run gets from outside: parameters (setup's SiteName, AdminUserId, ...), configuration, the user, progress.</summary>
public sealed class RecipeRunOptions
{
    public IReadOnlyDictionary<string, string> Parameters { get; init; } = new Dictionary<string, string>();
    public Func<string, string?> Configuration { get; init; } = _ => null;
    public ContentUser User { get; init; } = ContentUser.System;
    public IProgress<string>? Progress { get; init; }
}
