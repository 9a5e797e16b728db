using System.Security.Claims;
using ClinicCms.Content.Audit;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Security;
using ClinicCms.Content.Versions;
using ClinicCms.Web.Security;
using ClinicCms.Web.Security.OpenId;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace ClinicCms.Web.Preview;

/// <summary>
/// Issues a preview token for one item to a caller who may preview it (PreviewContent, or its Own and per-type
/// variants), with the type's PreviewUrl filled in, and records it in the audit trail. For the REST endpoint and the
/// admin's Preview button alike.
/// </summary>
public sealed class PreviewTokenIssuer(
    ContentService content,
    ContentAuthorizer authorizer,
    PermissionService permissions,
    ContentDefinitionStore definitions,
    UserManager<IdentityUser> users,
    IDataProtectionProvider protection,
    TimeProvider clock,
    IOptions<PreviewOptions> options,
    AuditTrail audit)
{
    public sealed record Issued(string Token, DateTimeOffset ExpiresUtc, string? Url);

    /// <summary>The token, or the status and reason of a refusal: 404 for a missing item only to a caller with some preview right, else 403.</summary>
    public async Task<(Issued? Issued, int Status, string? Problem)> IssueAsync(ClaimsPrincipal user, ContentUser writer, string contentItemId, CancellationToken cancellationToken)
    {
        var item = await content.GetAsync(contentItemId, VersionOptions.Latest, cancellationToken);
        if (item is null)
        {
            // A caller who may preview nothing learns nothing about which ids exist.
            return await MayPreviewAnythingAsync(user, cancellationToken)
                ? (null, StatusCodes.Status404NotFound, $"There is no content item '{contentItemId}'.")
                : (null, StatusCodes.Status403Forbidden, "A preview token needs PreviewContent for the item.");
        }
        if (!await authorizer.CanAsync(user, Permissions.PreviewContent, item, cancellationToken))
        {
            return (null, StatusCodes.Status403Forbidden, "A preview token needs PreviewContent for the item.");
        }
        var issuer = await IssuerOfAsync(user);
        if (issuer is null)
        {
            return (null, StatusCodes.Status403Forbidden, "Only a signed-in user or an API client can get a preview token.");
        }
        var expires = clock.GetUtcNow().AddMinutes(Math.Max(1, options.Value.TokenMinutes));
        var token = new PreviewToken(issuer.Value.Kind, issuer.Value.Id, issuer.Value.Stamp, item.ContentItemId, expires.ToUnixTimeSeconds()).Seal(protection);
        var template = (await definitions.GetAsync(cancellationToken)).FindType(item.ContentType)?.TypeSettings.PreviewUrl;
        var url = string.IsNullOrEmpty(template) ? null
            : PreviewUrlTemplate.Fill(template, token, "/" + (item.Get<AutoroutePart>(PartNames.AutoroutePart).Path ?? "").TrimStart('/'), item.ContentItemId, item.ContentType);
        var row = AuditRow.Of(AuditCategories.Content, AuditEvents.PreviewTokenIssued, writer, $"expires {expires.UtcDateTime:yyyy-MM-ddTHH:mm:ssZ}");
        (row.ContentItemId, row.ContentItemVersionId, row.ContentType) = (item.ContentItemId, item.ContentItemVersionId, item.ContentType);
        await audit.RecordAsync(row, cancellationToken);
        return (new Issued(token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()), url), StatusCodes.Status200OK, null);
    }

    // A user signs in with a cookie (NameIdentifier, and a security stamp the token is bound to); an API client's
    // access token names the client as its subject.
    private async Task<(string Kind, string Id, string? Stamp)?> IssuerOfAsync(ClaimsPrincipal user)
    {
        if (user.FindFirstValue(ClaimTypes.NameIdentifier) is { Length: > 0 } userId)
        {
            return await users.FindByIdAsync(userId) is { } account ? (PreviewToken.UserIssuer, userId, account.SecurityStamp) : null;
        }
        return user.FindFirstValue("sub") is { Length: > 0 } clientId
            ? (PreviewToken.ClientIssuer, clientId, user.FindFirstValue(ApplicationSecrets.Claim)) // the client's: its secret's stamp
            : null;
    }

    private async Task<bool> MayPreviewAnythingAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var held = await permissions.ForAsync(user, cancellationToken);
        return held.Has(Permissions.PreviewOwnContent)
            || held.Held.Any(p => p.StartsWith("Preview_", StringComparison.Ordinal) || p.StartsWith("PreviewOwn_", StringComparison.Ordinal));
    }
}
