namespace ClinicCms.Content.Security;

/// <summary>Orchard Core's permission names that ClinicCms enforces.</summary>
public static class Permissions
{
    public const string PublishContent = nameof(PublishContent);
    public const string PublishOwnContent = nameof(PublishOwnContent);
    public const string EditContent = nameof(EditContent);
    public const string EditOwnContent = nameof(EditOwnContent);
    public const string DeleteContent = nameof(DeleteContent);
    public const string DeleteOwnContent = nameof(DeleteOwnContent);
    public const string ViewContent = nameof(ViewContent);
    public const string ViewOwnContent = nameof(ViewOwnContent);
    public const string PreviewContent = nameof(PreviewContent);
    public const string PreviewOwnContent = nameof(PreviewOwnContent);
    public const string CloneContent = nameof(CloneContent);
    public const string CloneOwnContent = nameof(CloneOwnContent);
    public const string ListContent = nameof(ListContent);
    public const string EditContentOwner = nameof(EditContentOwner);
    /// <summary>Approve a draft of a type that requires review, or ask for changes (ClinicCms's own, not Orchard's).</summary>
    public const string ReviewContent = nameof(ReviewContent);
    public const string AccessContentApi = nameof(AccessContentApi);
    public const string ExecuteGraphQL = nameof(ExecuteGraphQL);
    public const string ExecuteGraphQLMutations = nameof(ExecuteGraphQLMutations);
    public const string AccessAdminPanel = nameof(AccessAdminPanel);
    public const string AccessAdminDashboard = nameof(AccessAdminDashboard);
    public const string EditOwnUser = nameof(EditOwnUser);
    public const string ManageUsers = nameof(ManageUsers);
    public const string ViewUsers = nameof(ViewUsers);
    public const string ManageRoles = nameof(ManageRoles);
    public const string ManageSettings = nameof(ManageSettings);
    public const string EditContentTypes = nameof(EditContentTypes);
    public const string ViewContentTypes = nameof(ViewContentTypes);
    public const string ManageMediaContent = nameof(ManageMediaContent);
    public const string ManageOwnMediaContent = nameof(ManageOwnMediaContent);
    public const string ManageOpenIdApplications = nameof(ManageOpenIdApplications);
    public const string Import = nameof(Import);
    /// <summary>Read the audit trail (ClinicCms's own, after Orchard's ViewAuditTrail): content rows of the types one may view, other rows with the matching management permission.</summary>
    public const string ViewAuditTrail = nameof(ViewAuditTrail);
    public const string Export = nameof(Export);
    /// <summary>Create, change and delete webhooks and read their delivery log (ClinicCms's own; Orchard Core has no webhooks).</summary>
    public const string ManageWebhooks = nameof(ManageWebhooks);

    /// <summary>The "own" variant a content permission turns into when the user owns the item (Orchard's OwnerPermissionsByName).</summary>
    public static readonly IReadOnlyDictionary<string, string> OwnVariant = new Dictionary<string, string>
    {
        [PublishContent] = PublishOwnContent,
        [EditContent] = EditOwnContent,
        [DeleteContent] = DeleteOwnContent,
        [ViewContent] = ViewOwnContent,
        [PreviewContent] = PreviewOwnContent,
        [CloneContent] = CloneOwnContent,
    };

    /// <summary>The per-type permission of a content permission for a Securable type (Publish_{Type}, ViewOwn_{Type}, ...).</summary>
    public static readonly IReadOnlyDictionary<string, string> TypeTemplates = new Dictionary<string, string>
    {
        [PublishContent] = "Publish_{0}",
        [PublishOwnContent] = "PublishOwn_{0}",
        [EditContent] = "Edit_{0}",
        [EditOwnContent] = "EditOwn_{0}",
        [DeleteContent] = "Delete_{0}",
        [DeleteOwnContent] = "DeleteOwn_{0}",
        [ViewContent] = "View_{0}",
        [ViewOwnContent] = "ViewOwn_{0}",
        [PreviewContent] = "Preview_{0}",
        [PreviewOwnContent] = "PreviewOwn_{0}",
        [CloneContent] = "Clone_{0}",
        [CloneOwnContent] = "CloneOwn_{0}",
        [ListContent] = "ListContent_{0}",
        [EditContentOwner] = "EditContentOwner_{0}",
        [ReviewContent] = "Review_{0}",
    };

    public static string ForType(string permission, string contentType) =>
        TypeTemplates.TryGetValue(permission, out var template) ? string.Format(System.Globalization.CultureInfo.InvariantCulture, template, contentType) : permission;
}
