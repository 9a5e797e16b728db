namespace ClinicCms.Content.Security;

/// <summary>
/// Orchard's default permissions of its stereotype roles, limited to what ClinicCms has. A role with one
/// of these names receives them when it is created; the Administrator holds every permission without storing any.
/// </summary>
public static class Stereotypes
{
    public const string Administrator = nameof(Administrator);
    public const string Authenticated = nameof(Authenticated);
    public const string Anonymous = nameof(Anonymous);

    private static readonly string[] AdminBasics = [Permissions.AccessAdminPanel, Permissions.AccessAdminDashboard, Permissions.EditOwnUser];

    public static readonly IReadOnlyDictionary<string, string[]> Defaults = new Dictionary<string, string[]>(StringComparer.OrdinalIgnoreCase)
    {
        ["Editor"] =
        [
            Permissions.PublishContent, Permissions.EditContent, Permissions.DeleteContent, Permissions.PreviewContent,
            Permissions.CloneContent, Permissions.ListContent, Permissions.ManageMediaContent, .. AdminBasics,
        ],
        ["Moderator"] = [.. AdminBasics],
        // Reads every draft and approves it or asks for changes; publishing stays with editors and authors.
        ["Reviewer"] = [Permissions.ReviewContent, Permissions.ViewContent, Permissions.PreviewContent, Permissions.ListContent, .. AdminBasics],
        ["Author"] =
        [
            Permissions.PublishOwnContent, Permissions.EditOwnContent, Permissions.DeleteOwnContent, Permissions.PreviewOwnContent,
            Permissions.CloneOwnContent, Permissions.ManageOwnMediaContent, .. AdminBasics,
        ],
        ["Contributor"] =
        [
            Permissions.EditOwnContent, Permissions.PreviewOwnContent, Permissions.CloneOwnContent, Permissions.ManageOwnMediaContent, .. AdminBasics,
        ],
        [Authenticated] = [Permissions.ViewContent],
        [Anonymous] = [Permissions.ViewContent],
    };

    /// <summary>Roles every site has (Orchard 3.0 creates them itself).</summary>
    public static readonly string[] SystemRoles = [Administrator, Authenticated, Anonymous];

    public static bool IsAdministrator(string role) => string.Equals(role, Administrator, StringComparison.OrdinalIgnoreCase);
}
