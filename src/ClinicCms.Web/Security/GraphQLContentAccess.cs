using System.Security.Claims;
using ClinicCms.Content.Security;
using ClinicCms.GraphQL.Queries;

namespace ClinicCms.Web.Security;

/// <summary>GraphQL's read rules from the caller's roles and permissions (spec 3.8, with ClinicCms's preview rule).</summary>
public sealed class GraphQLContentAccess(PermissionService permissions, ContentAuthorizer content) : IContentReadAccess
{
    public async ValueTask<bool> CanExecuteAsync(ClaimsPrincipal user) => (await permissions.ForAsync(user)).Has(Permissions.ExecuteGraphQL);

    public async ValueTask<ReadScope> ViewScopeAsync(ClaimsPrincipal user, string contentType) =>
        await content.ScopeAsync(user, Permissions.ViewContent, contentType);

    public async ValueTask<ReadScope> PreviewScopeAsync(ClaimsPrincipal user, string contentType) =>
        await content.ScopeAsync(user, Permissions.PreviewContent, contentType);

    public string? UserId(ClaimsPrincipal user) => PermissionService.UserIdOf(user);
}
