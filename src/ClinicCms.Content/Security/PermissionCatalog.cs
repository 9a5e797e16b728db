using System.Globalization;

namespace ClinicCms.Content.Security;

/// <summary>
/// Orchard's implication chains: a permission is granted when it is held, or when a permission that implies it is
/// (PublishContent implies EditContent implies ViewContent implies ViewOwnContent, ...). Per-type permissions are
/// implied by their global counterparts, as Orchard's ContentTypePermissionsHelper generates them.
/// </summary>
public static class PermissionCatalog
{
    private static readonly Dictionary<string, string[]> ImpliedBy = new(StringComparer.Ordinal)
    {
        [Permissions.PublishOwnContent] = [Permissions.PublishContent],
        [Permissions.EditContent] = [Permissions.PublishContent],
        [Permissions.EditOwnContent] = [Permissions.EditContent, Permissions.PublishOwnContent],
        [Permissions.DeleteOwnContent] = [Permissions.DeleteContent],
        [Permissions.ViewContent] = [Permissions.EditContent],
        [Permissions.ViewOwnContent] = [Permissions.ViewContent],
        [Permissions.PreviewContent] = [Permissions.EditContent, Permissions.PublishContent],
        [Permissions.PreviewOwnContent] = [Permissions.PreviewContent],
        [Permissions.CloneContent] = [Permissions.EditContent],
        [Permissions.CloneOwnContent] = [Permissions.CloneContent],
        [Permissions.ExecuteGraphQL] = [Permissions.ExecuteGraphQLMutations],
        [Permissions.ManageOwnMediaContent] = [Permissions.ManageMediaContent],
        [Permissions.ViewUsers] = [Permissions.ManageUsers],
        [Permissions.ViewContentTypes] = [Permissions.EditContentTypes],
    };

    // Per type: "{0}" is the content type; the global permissions appear as themselves.
    private static readonly Dictionary<string, string[]> TypeImpliedBy = new(StringComparer.Ordinal)
    {
        ["Publish_{0}"] = [Permissions.PublishContent],
        ["PublishOwn_{0}"] = ["Publish_{0}", Permissions.PublishOwnContent],
        ["Edit_{0}"] = ["Publish_{0}", Permissions.EditContent],
        ["EditOwn_{0}"] = ["Edit_{0}", "PublishOwn_{0}", Permissions.EditOwnContent],
        ["Delete_{0}"] = [Permissions.DeleteContent],
        ["DeleteOwn_{0}"] = ["Delete_{0}", Permissions.DeleteOwnContent],
        ["View_{0}"] = ["Edit_{0}", Permissions.ViewContent],
        ["ViewOwn_{0}"] = ["View_{0}", Permissions.ViewOwnContent],
        ["Preview_{0}"] = ["Edit_{0}", Permissions.PreviewContent],
        ["PreviewOwn_{0}"] = ["Preview_{0}", Permissions.PreviewOwnContent],
        ["Clone_{0}"] = ["Edit_{0}", Permissions.CloneContent],
        ["CloneOwn_{0}"] = ["Clone_{0}", Permissions.CloneOwnContent],
        ["ListContent_{0}"] = [Permissions.ListContent],
        ["EditContentOwner_{0}"] = [Permissions.EditContentOwner],
        ["Review_{0}"] = [Permissions.ReviewContent],
    };

    /// <summary>Is <paramref name="permission"/> granted by the set of permissions held?</summary>
    public static bool Grants(IReadOnlySet<string> held, string permission) => Grants(held, permission, 0);

    /// <summary>The permissions that imply <paramref name="permission"/> directly.</summary>
    public static IEnumerable<string> Implying(string permission)
    {
        if (ImpliedBy.TryGetValue(permission, out var global))
        {
            return global;
        }
        var separator = permission.IndexOf('_', StringComparison.Ordinal);
        if (separator > 0 && TypeImpliedBy.TryGetValue(permission[..(separator + 1)] + "{0}", out var perType))
        {
            var type = permission[(separator + 1)..];
            return perType.Select(p => string.Format(CultureInfo.InvariantCulture, p, type));
        }
        return [];
    }

    private static bool Grants(IReadOnlySet<string> held, string permission, int depth) =>
        held.Contains(permission) || (depth < 8 && Implying(permission).Any(p => Grants(held, p, depth + 1)));
}
