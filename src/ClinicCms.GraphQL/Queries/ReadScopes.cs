using System.Security.Claims;

namespace ClinicCms.GraphQL.Queries;

/// <summary>The caller's view scopes, asked once per type per request, for lookups and pickers that check each item.</summary>
public sealed class ReadScopes(IContentReadAccess access, ClaimsPrincipal user)
{
    private readonly Dictionary<string, ReadScope> _view = [];

    public async ValueTask<bool> CanSeeAsync(ContentNode node)
    {
        if (!_view.TryGetValue(node.Item.ContentType, out var scope))
        {
            scope = await access.ViewScopeAsync(user, node.Item.ContentType);
            _view[node.Item.ContentType] = scope;
        }
        return scope == ReadScope.All || (scope == ReadScope.Own && access.UserId(user) is { } id && id == node.Item.Owner);
    }
}
