using ClinicCms.Content.Store;

namespace ClinicCms.Content.Queries;

/// <summary>How much of a content type's items a caller may see in a list.</summary>
public enum VisibilityLevel
{
    None,

    /// <summary>Only the caller's own items, drafts included.</summary>
    Own,

    /// <summary>Others' items whose latest version is published, and the caller's own.</summary>
    PublishedAndOwn,

    /// <summary>Every item, drafts of others included.</summary>
    All,
}

/// <summary>
/// Which latest versions a caller may see, per content type (a Securable type has its own level, every other type
/// the default). Lists apply it in SQL, before counting and paging, so pages stay full and counts hide nothing.
/// </summary>
public sealed record ContentVisibility(string? UserId, VisibilityLevel Default, IReadOnlyDictionary<string, VisibilityLevel> ByType)
{
    public static readonly ContentVisibility Everything = new(null, VisibilityLevel.All, new Dictionary<string, VisibilityLevel>());

    /// <summary>The same rules narrowed to the caller's own items (a list without ListContent, as Orchard's admin does).</summary>
    public ContentVisibility OwnOnly() => new(UserId, Narrow(Default), ByType.ToDictionary(p => p.Key, p => Narrow(p.Value), StringComparer.Ordinal));

    internal IQueryable<ContentItemVersionRow> Apply(IQueryable<ContentItemVersionRow> rows)
    {
        if (Default == VisibilityLevel.All && ByType.Values.All(l => l == VisibilityLevel.All))
        {
            return rows;
        }
        var all = TypesAt(VisibilityLevel.All);
        var published = TypesAt(VisibilityLevel.PublishedAndOwn);
        var own = TypesAt(VisibilityLevel.Own);
        var known = ByType.Keys.ToArray();
        // Without a user id nothing is "own": an Owner of null must not match a caller of null.
        var hasUser = UserId is not null;
        var me = UserId ?? "";
        var defaultAll = Default == VisibilityLevel.All;
        var defaultPublished = Default == VisibilityLevel.PublishedAndOwn;
        var defaultOwn = Default == VisibilityLevel.Own;
        return rows.Where(r =>
            all.Contains(r.ContentType)
            || (published.Contains(r.ContentType) && (r.Published || (hasUser && r.Owner == me)))
            || (own.Contains(r.ContentType) && hasUser && r.Owner == me)
            || (!known.Contains(r.ContentType)
                && (defaultAll || (defaultPublished && (r.Published || (hasUser && r.Owner == me))) || (defaultOwn && hasUser && r.Owner == me))));
    }

    private string[] TypesAt(VisibilityLevel level) => ByType.Where(p => p.Value == level).Select(p => p.Key).ToArray();

    private static VisibilityLevel Narrow(VisibilityLevel level) => level == VisibilityLevel.None ? VisibilityLevel.None : VisibilityLevel.Own;
}
