using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Security.Claims;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Queries;
using ClinicCms.Content.Security;
using ClinicCms.GraphQL.Queries;

namespace ClinicCms.Web.Security;

/// <summary>
/// Content permissions on items and types, as Orchard's content authorization handler checks them: for an item the
/// caller owns the "own" variant is asked (it is implied by the main one), and for a Securable type the per-type
/// permission (View_{Type}, ...) is asked, which the global permission implies.
/// </summary>
public sealed class ContentAuthorizer(PermissionService permissions, ContentDefinitionStore definitions)
{
    // A type's settings are parsed from JSON on each read, and every content read asks which types are Securable; the
    // store's definitions are read-only, a new set for each version, so the answer is kept per set.
    private static readonly ConditionalWeakTable<ContentDefinitionSet, FrozenSet<string>> SecurableTypes = new();

    public async Task<bool> CanAsync(ClaimsPrincipal user, string permission, ContentItem item, CancellationToken cancellationToken = default)
    {
        var held = await permissions.ForAsync(user, cancellationToken);
        var asked = held.UserId == item.Owner ? OwnVariant(held, permission) ?? permission : permission;
        return held.Has(await ForTypeAsync(asked, item.ContentType, cancellationToken));
    }

    /// <summary>May the caller use <paramref name="permission"/> on every item of the type (All), on their own (Own), or not at all?</summary>
    public async Task<ReadScope> ScopeAsync(ClaimsPrincipal user, string permission, string contentType, CancellationToken cancellationToken = default)
    {
        var held = await permissions.ForAsync(user, cancellationToken);
        if (held.Has(await ForTypeAsync(permission, contentType, cancellationToken)))
        {
            return ReadScope.All;
        }
        return OwnVariant(held, permission) is { } own && held.Has(await ForTypeAsync(own, contentType, cancellationToken))
            ? ReadScope.Own
            : ReadScope.None;
    }

    /// <summary>
    /// Could the caller use one of <paramref name="asked"/> on some item (theirs or any, of any type)? Asked before a
    /// request's body is read, so that a caller who may write nothing is refused rather than told what is wrong with
    /// the body.
    /// </summary>
    public async Task<bool> MayUseOnSomeItemAsync(ClaimsPrincipal user, IReadOnlyList<string> asked, CancellationToken cancellationToken = default)
    {
        var held = await permissions.ForAsync(user, cancellationToken);
        var securable = Securable(await definitions.GetAsync(cancellationToken));
        // The own variant is implied by the main permission, so asking it covers both.
        return asked.Select(p => OwnVariant(held, p) ?? p)
            .Any(p => held.Has(p) || securable.Any(t => held.Has(Permissions.ForType(p, t))));
    }

    // The "own" variant of a permission, for a caller who can own items (a signed-in user or a client).
    private static string? OwnVariant(UserPermissions held, string permission) =>
        held.UserId is not null && Permissions.OwnVariant.TryGetValue(permission, out var own) ? own : null;

    /// <summary>
    /// Which items the caller could open, for lists to filter on: others' drafts need EditContent or PreviewContent,
    /// others' published items ViewContent, their own items any of the Own variants (each per type when Securable).
    /// </summary>
    public async Task<ContentVisibility> VisibilityAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var held = await permissions.ForAsync(user, cancellationToken);
        if (held.IsAdministrator)
        {
            return ContentVisibility.Everything;
        }
        var byType = Securable(await definitions.GetAsync(cancellationToken))
            .ToDictionary(t => t, t => LevelOf(held, p => Permissions.ForType(p, t)), StringComparer.Ordinal);
        return new ContentVisibility(held.UserId, LevelOf(held, p => p), byType);
    }

    /// <summary>The visibility of the admin's lists: without ListContent only the caller's own items, as in Orchard's admin.</summary>
    public async Task<ContentVisibility> ListVisibilityAsync(ClaimsPrincipal user, CancellationToken cancellationToken = default)
    {
        var visibility = await VisibilityAsync(user, cancellationToken);
        return (await permissions.ForAsync(user, cancellationToken)).Has(Permissions.ListContent) ? visibility : visibility.OwnOnly();
    }

    private static VisibilityLevel LevelOf(UserPermissions held, Func<string, string> named)
    {
        if (held.Has(named(Permissions.EditContent)) || held.Has(named(Permissions.PreviewContent)))
        {
            return VisibilityLevel.All;
        }
        if (held.Has(named(Permissions.ViewContent)))
        {
            return VisibilityLevel.PublishedAndOwn;
        }
        var own = held.UserId is not null && new[] { Permissions.ViewOwnContent, Permissions.EditOwnContent, Permissions.PreviewOwnContent }.Any(p => held.Has(named(p)));
        return own ? VisibilityLevel.Own : VisibilityLevel.None;
    }

    private async Task<string> ForTypeAsync(string permission, string contentType, CancellationToken cancellationToken)
    {
        return Securable(await definitions.GetAsync(cancellationToken)).Contains(contentType) ? Permissions.ForType(permission, contentType) : permission;
    }

    private static FrozenSet<string> Securable(ContentDefinitionSet set) => SecurableTypes.GetValue(set,
        static set => set.Types.Where(t => t.TypeSettings.Securable).Select(t => t.Name).ToFrozenSet(StringComparer.Ordinal));
}
