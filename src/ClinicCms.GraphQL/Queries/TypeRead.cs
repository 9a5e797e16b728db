namespace ClinicCms.GraphQL.Queries;

/// <summary>Why a caller may not read a type's versions of a status.</summary>
public enum ReadRefusal
{
    /// <summary>No right to view the type (ViewContent, View_{Type} or ViewOwn_{Type}).</summary>
    View,

    /// <summary>Drafts and latest versions also need preview rights (PreviewContent, Preview_{Type} or PreviewOwn_{Type}).</summary>
    Preview,
}

/// <summary>
/// Which items of a type a caller may read in a status, as lists, <c>localizations</c> and search all apply it: viewing
/// needs view rights; drafts and latest versions also need preview rights (a ClinicCms decision: Orchard lets any viewer
/// read them); a caller with "own" rights reads only the items they own; a preview token reads the drafts of its own
/// item only, and published content as its issuer would.
/// </summary>
public sealed record TypeRead(string ContentType, PublicationStatus Status, ReadRefusal? Refusal, string? Owner, string? OnlyItem)
{
    public bool Allowed => Refusal is null;

    /// <summary>The caller's rule for <paramref name="contentType"/> in <paramref name="status"/>; view scopes are asked once per request.</summary>
    public static async ValueTask<TypeRead> ForAsync(ContentReadContext reads, string contentType, PublicationStatus status)
    {
        var view = await reads.Scopes.ViewAsync(contentType);
        if (view == ReadScope.None)
        {
            return new TypeRead(contentType, status, ReadRefusal.View, null, null);
        }
        var preview = status == PublicationStatus.Published ? ReadScope.All : await reads.Access.PreviewScopeAsync(reads.User, contentType);
        if (preview == ReadScope.None)
        {
            return new TypeRead(contentType, status, ReadRefusal.Preview, null, null);
        }
        // A caller limited to their own items but without a user id (anonymous) owns nothing.
        var owner = view == ReadScope.Own || preview == ReadScope.Own ? reads.Access.UserId(reads.User) ?? "\0" : null;
        var onlyItem = status == PublicationStatus.Published ? null : reads.Access.PreviewItem(reads.User);
        return new TypeRead(contentType, status, null, owner, onlyItem);
    }

    /// <summary>The query limited to what the rule lets the caller read.</summary>
    public ContentQuery Apply(ContentQuery query)
    {
        if (OnlyItem is null)
        {
            return query with { Owner = Owner };
        }
        var only = new Comparison(new ColumnTarget("ContentItemId", ScalarKind.Id), FilterOperator.Equal, OnlyItem);
        return query with { Owner = Owner, Where = query.Where is null ? only : new AllOf([query.Where, only]) };
    }
}
