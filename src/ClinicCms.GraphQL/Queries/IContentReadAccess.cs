using System.Security.Claims;

namespace ClinicCms.GraphQL.Queries;

/// <summary>How much of a content type a caller may read.</summary>
public enum ReadScope
{
    None,

    /// <summary>Only items the caller owns.</summary>
    Own,

    All,
}

/// <summary>
/// Who may read what through GraphQL (Orchard Core's rules with ClinicCms's decisions). The security layer supplies the rules;
/// GraphQL applies them to every list, count, lookup and picker.
/// </summary>
public interface IContentReadAccess
{
    /// <summary>May the caller run GraphQL at all (ExecuteGraphQL)?</summary>
    ValueTask<bool> CanExecuteAsync(ClaimsPrincipal user);

    /// <summary>Which published items of the type the caller may see (ViewContent, View_{Type}, ViewOwn_{Type}).</summary>
    ValueTask<ReadScope> ViewScopeAsync(ClaimsPrincipal user, string contentType);

    /// <summary>Which drafts and old versions the caller may see (PreviewContent, Preview_{Type}, PreviewOwn_{Type}).</summary>
    ValueTask<ReadScope> PreviewScopeAsync(ClaimsPrincipal user, string contentType);

    /// <summary>The caller's user id, matched against an item's Owner.</summary>
    string? UserId(ClaimsPrincipal user);

    /// <summary>May the caller read, filter and sort on owner and author (user names)? Others get null and "".</summary>
    bool CanSeeAuthors(ClaimsPrincipal user);

    /// <summary>
    /// Equal for two callers only if every read gives them the same answer: the response cache keys on it. Public
    /// is true when the answer is the one anonymous callers get, so HTTP caches may share it.
    /// </summary>
    ValueTask<(string Key, bool Public)> CacheIdentityAsync(ClaimsPrincipal user);

    /// <summary>
    /// For a caller with a preview token: the one item whose drafts it may read (its queries for DRAFT, LATEST or ALL
    /// see that item only, and it may not run a mutation); null for every other caller.
    /// </summary>
    string? PreviewItem(ClaimsPrincipal user) => null;
}

/// <summary>The rules with no security layer: anyone may read published content, no one drafts.</summary>
public sealed class PublishedOnlyAccess : IContentReadAccess
{
    public ValueTask<bool> CanExecuteAsync(ClaimsPrincipal user) => ValueTask.FromResult(true);

    public ValueTask<ReadScope> ViewScopeAsync(ClaimsPrincipal user, string contentType) => ValueTask.FromResult(ReadScope.All);

    public ValueTask<ReadScope> PreviewScopeAsync(ClaimsPrincipal user, string contentType) => ValueTask.FromResult(ReadScope.None);

    public string? UserId(ClaimsPrincipal user) => null;

    public bool CanSeeAuthors(ClaimsPrincipal user) => user.Identity?.IsAuthenticated == true;

    public ValueTask<(string Key, bool Public)> CacheIdentityAsync(ClaimsPrincipal user) => ValueTask.FromResult(("public", true));
}
