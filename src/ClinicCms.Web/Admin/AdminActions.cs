using System.Security.Claims;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Security;

namespace ClinicCms.Web.Admin;

/// <summary>
/// The editor's actions on an item, each refused on the server unless the editor holds the permission for it
/// (an Author only on their own items, a Contributor never publishes). Returns null on success, else why not.
/// </summary>
public sealed class AdminActions(ContentService content, ContentAuthorizer authorizer)
{
    /// <summary>
    /// Publishes the latest version as it is now, unseen (the content list's bulk action): a draft that needs a review
    /// must be approved already, since publishing by a reviewer would approve whatever the draft has become.
    /// </summary>
    public Task<string?> PublishAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.PublishContent, "publish", async item =>
            await content.PublishAsync(id, await UserForAsync(user, item, cancellationToken) with { CanReview = false }, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>
    /// A review step: requesting needs EditContent on the item, approving or requesting changes ReviewContent. An
    /// approval applies only to the draft the reviewer saw (<paramref name="expectedStamp"/>; a form without it is
    /// stale), as the REST API requires.
    /// </summary>
    public Task<string?> ReviewAsync(ClaimsPrincipal user, string id, ReviewAction action, string? comment, string? expectedStamp, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, action == ReviewAction.Request ? Permissions.EditContent : Permissions.ReviewContent, action == ReviewAction.Request ? "request a review of" : "review",
            async item => action != ReviewAction.Request && !await authorizer.CanAsync(user, Permissions.PreviewContent, item, cancellationToken)
                ? ContentSaveResult.Refused($"You may not read the draft of item {item.ContentItemId}, so you may not review it.")
                : await content.ReviewAsync(id, action, comment, await UserForAsync(user, item, cancellationToken), action == ReviewAction.Approve ? expectedStamp ?? "" : expectedStamp, cancellationToken), cancellationToken);

    /// <summary>The user as a writer of this item: whether they hold ReviewContent for it decides what publishing needs.</summary>
    public async Task<ContentUser> UserForAsync(ClaimsPrincipal user, ContentItem item, CancellationToken cancellationToken = default) =>
        PermissionService.WriterOf(user) with
        {
            CanReview = await authorizer.CanAsync(user, Permissions.ReviewContent, item, cancellationToken),
            CanPublish = await authorizer.CanAsync(user, Permissions.PublishContent, item, cancellationToken),
            CanEditOthers = await authorizer.ScopeAsync(user, Permissions.EditContent, item.ContentType, cancellationToken) == ClinicCms.GraphQL.Queries.ReadScope.All,
        };

    public Task<string?> UnpublishAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.PublishContent, "unpublish", _ => content.UnpublishAsync(id, PermissionService.WriterOf(user), cancellationToken), cancellationToken);

    /// <summary>Over a published version, an edit; with none to go back to, a delete, and it needs DeleteContent (as any discard does in Orchard).</summary>
    public Task<string?> DiscardDraftAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.EditContent, "discard the draft of", async item => await content.DiscardDraftAsync(id, PermissionService.WriterOf(user),
            onlyOverPublished: !await authorizer.CanAsync(user, Permissions.DeleteContent, item, cancellationToken), cancellationToken), cancellationToken);

    public Task<string?> DeleteAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.DeleteContent, "delete", _ => content.DeleteAsync(id, PermissionService.WriterOf(user), cancellationToken: cancellationToken), cancellationToken);

    public async Task<(string? Error, ContentItem? Clone)> CloneAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default)
    {
        ContentItem? clone = null;
        var error = await RunAsync(user, id, Permissions.CloneContent, "clone", async _ =>
        {
            var result = await content.CloneAsync(id, PermissionService.WriterOf(user), cancellationToken);
            clone = result.Item;
            return result;
        }, cancellationToken);
        return (error, clone);
    }

    public Task<string?> RestoreAsync(ClaimsPrincipal user, string id, string versionId, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.EditContent, "restore a version of", _ => content.RestoreAsync(id, versionId, PermissionService.WriterOf(user), cancellationToken), cancellationToken);

    public async Task<bool> CanAsync(ClaimsPrincipal user, string permission, ContentItem item, CancellationToken cancellationToken = default) =>
        await authorizer.CanAsync(user, permission, item, cancellationToken);

    private async Task<string?> RunAsync(ClaimsPrincipal user, string id, string permission, string verb, Func<ContentItem, Task<ContentSaveResult>> action, CancellationToken cancellationToken)
    {
        var item = await content.GetAsync(id, VersionOptions.Latest, cancellationToken) ?? await content.GetAsync(id, VersionOptions.Published, cancellationToken);
        if (item is null)
        {
            return "The item no longer exists.";
        }
        if (!await authorizer.CanAsync(user, permission, item, cancellationToken))
        {
            // Named by id: the caller may not be allowed to see the title either.
            return $"You may not {verb} item {item.ContentItemId}.";
        }
        var result = await action(item);
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.ToString()));
    }
}
