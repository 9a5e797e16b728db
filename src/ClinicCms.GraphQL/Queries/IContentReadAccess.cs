using System.Security.Claims;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// Who may read what beyond published content. The security layer supplies the real rules; until a caller has
/// preview rights, GraphQL serves published items only.
/// </summary>
public interface IContentReadAccess
{
    /// <summary>May <paramref name="user"/> read drafts and old versions (status DRAFT, LATEST, ALL) of <paramref name="contentType"/>?</summary>
    ValueTask<bool> CanPreviewAsync(ClaimsPrincipal user, string contentType);
}

/// <summary>The rule while no one has preview rights: published content only, for everyone.</summary>
public sealed class PublishedOnlyAccess : IContentReadAccess
{
    public ValueTask<bool> CanPreviewAsync(ClaimsPrincipal user, string contentType) => ValueTask.FromResult(false);
}
