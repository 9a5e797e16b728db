using System.Security.Claims;

namespace ClinicCms.GraphQL.Queries;

/// <summary>The caller's view scopes, asked once per type per request, for lists and for lookups and pickers that check each item.</summary>
public sealed class ReadScopes(IContentReadAccess access, ClaimsPrincipal user)
{
    private readonly Dictionary<string, ReadScope> _view = [];

    public async ValueTask<bool> CanSeeAsync(ContentNode node)
    {
        var scope = await ViewAsync(node.Item.ContentType);
        return scope == ReadScope.All || (scope == ReadScope.Own && access.UserId(user) is { } id && id == node.Item.Owner);
    }

    /// <summary>Which items of the type the caller may view (a list and its count ask once between them).</summary>
    public ValueTask<ReadScope> ViewAsync(string contentType) =>
        _view.TryGetValue(contentType, out var scope) ? ValueTask.FromResult(scope) : AskAsync(contentType);

    private async ValueTask<ReadScope> AskAsync(string contentType)
    {
        var scope = await access.ViewScopeAsync(user, contentType);
        _view[contentType] = scope;
        return scope;
    }
}
