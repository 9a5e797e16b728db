using System.Security.Claims;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.GraphQL.Queries;

/// <summary>The caller's view scopes, asked once per type per request, for lookups and pickers that check each item.</summary>
public sealed class ReadScopes(IServiceProvider services)
{
    private readonly Dictionary<string, ReadScope> _view = [];

    public async ValueTask<bool> CanSeeAsync(ClaimsPrincipal user, ContentNode node)
    {
        var access = services.GetRequiredService<IContentReadAccess>();
        if (!_view.TryGetValue(node.Item.ContentType, out var scope))
        {
            scope = await access.ViewScopeAsync(user, node.Item.ContentType);
            _view[node.Item.ContentType] = scope;
        }
        return scope == ReadScope.All || (scope == ReadScope.Own && access.UserId(user) is { } id && id == node.Item.Owner);
    }
}
