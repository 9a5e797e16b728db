namespace ClinicCms.Content.Queries;

/// <summary>Which items an editor's list shows, judged on the latest version.</summary>
public enum AdminStatusFilter
{
    Any,

    /// <summary>Never published, or unpublished: the latest version is a draft and nothing is live.</summary>
    Draft,

    /// <summary>The latest version is the published one.</summary>
    Published,

    /// <summary>Published, with a newer draft waiting.</summary>
    PublishedWithDraft,
}

public enum AdminSort
{
    Modified,
    Created,
    Title,
}

/// <summary>A page of the editors' content list: filters, sort and paging, all applied in SQL; no visibility means every item.</summary>
public sealed record AdminListQuery(
    string? ContentType = null,
    string? Search = null,
    AdminStatusFilter Status = AdminStatusFilter.Any,
    AdminSort Sort = AdminSort.Modified,
    int Page = 1,
    int PageSize = 25,
    ContentVisibility? Visibility = null)
{
    /// <summary>Only items in this culture (LocalizationPart.Culture); null for every culture.</summary>
    public string? Culture { get; init; }
}

/// <summary>One row of the list: the latest version, and whether a published version exists beside it.</summary>
public sealed record AdminListRow(ContentItems.ContentItem Latest, bool HasPublished);

public sealed record AdminListPage(IReadOnlyList<AdminListRow> Rows, int Total, int Page, int PageSize)
{
    public int Pages => Math.Max(1, (Total + PageSize - 1) / PageSize);
}
