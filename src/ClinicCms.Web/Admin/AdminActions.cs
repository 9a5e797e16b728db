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
    public static ContentUser UserOf(ClaimsPrincipal user) => new(PermissionService.UserIdOf(user), user.Identity?.Name);

    public Task<string?> PublishAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.PublishContent, "publish", () => content.PublishAsync(id, UserOf(user), cancellationToken: cancellationToken), cancellationToken);

    public Task<string?> UnpublishAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.PublishContent, "unpublish", () => content.UnpublishAsync(id, cancellationToken), cancellationToken);

    public Task<string?> DiscardDraftAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.EditContent, "discard the draft of", () => content.DiscardDraftAsync(id, cancellationToken), cancellationToken);

    public Task<string?> DeleteAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.DeleteContent, "delete", () => content.DeleteAsync(id, cancellationToken), cancellationToken);

    public async Task<(string? Error, ContentItem? Clone)> CloneAsync(ClaimsPrincipal user, string id, CancellationToken cancellationToken = default)
    {
        ContentItem? clone = null;
        var error = await RunAsync(user, id, Permissions.CloneContent, "clone", async () =>
        {
            var result = await content.CloneAsync(id, UserOf(user), cancellationToken);
            clone = result.Item;
            return result;
        }, cancellationToken);
        return (error, clone);
    }

    public Task<string?> RestoreAsync(ClaimsPrincipal user, string id, string versionId, CancellationToken cancellationToken = default) =>
        RunAsync(user, id, Permissions.EditContent, "restore a version of", () => content.RestoreAsync(id, versionId, UserOf(user), cancellationToken), cancellationToken);

    public async Task<bool> CanAsync(ClaimsPrincipal user, string permission, ContentItem item, CancellationToken cancellationToken = default) =>
        await authorizer.CanAsync(user, permission, item, cancellationToken);

    private async Task<string?> RunAsync(ClaimsPrincipal user, string id, string permission, string verb, Func<Task<ContentSaveResult>> action, CancellationToken cancellationToken)
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
        var result = await action();
        return result.Succeeded ? null : string.Join(" ", result.Errors.Select(e => e.ToString()));
    }
}
