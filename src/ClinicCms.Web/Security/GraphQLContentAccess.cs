using System.Security.Claims;
using ClinicCms.Content.Security;
using ClinicCms.GraphQL.Queries;

namespace ClinicCms.Web.Security;

/// <summary>GraphQL's read rules from the caller's roles and permissions (Orchard Core's, with ClinicCms's preview rule).</summary>
public sealed class GraphQLContentAccess(PermissionService permissions, ContentAuthorizer content, SiteSettingsCache settings, IServiceProvider services)
    : IContentReadAccess
{
    // Read with the cache identity, before the query runs: the field resolvers that hide owner and author are synchronous.
    private bool _anonymousSeesAuthors;

    public async ValueTask<bool> CanExecuteAsync(ClaimsPrincipal user) => (await permissions.ForAsync(user)).Has(Permissions.ExecuteGraphQL);

    public async ValueTask<ReadScope> ViewScopeAsync(ClaimsPrincipal user, string contentType) =>
        await content.ScopeAsync(user, Permissions.ViewContent, contentType);

    public async ValueTask<ReadScope> PreviewScopeAsync(ClaimsPrincipal user, string contentType) =>
        await content.ScopeAsync(user, Permissions.PreviewContent, contentType);

    public string? UserId(ClaimsPrincipal user) => PermissionService.UserIdOf(user);

    public string? PreviewItem(ClaimsPrincipal user) => Preview.PreviewClaims.ItemOf(user);

    public bool CanSeeAuthors(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true || _anonymousSeesAuthors;

    // The held permissions decide what a caller sees, and the user id too wherever an Own permission narrows it;
    // signed-in callers are keyed by id always, so nothing one user sees can reach another. Anonymous answers (owner
    // and author hidden) are keyed apart from those of a token with the same permissions and no user id.
    public async ValueTask<(string Key, bool Public)> CacheIdentityAsync(ClaimsPrincipal user)
    {
        var held = await permissions.ForAsync(user);
        var key = held.HeldKey;
        if (PreviewItem(user) is { } item)
        {
            key += "|preview:" + item; // a preview token sees the drafts of one item only: never its issuer's answers
        }
        var anonymous = user.Identity?.IsAuthenticated != true;
        if (anonymous)
        {
            _anonymousSeesAuthors = await settings.ExposeAuthorsToAnonymousAsync(services);
        }
        return held.UserId is { } id ? ($"{key}|{id}", false)
            : anonymous ? (_anonymousSeesAuthors ? $"{key}|anonymous+authors" : $"{key}|anonymous", true)
            : (key, false);
    }
}
