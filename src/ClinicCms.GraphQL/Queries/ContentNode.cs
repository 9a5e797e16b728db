using ClinicCms.Content.ContentItems;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// A content item as GraphQL resolves it, with the batch it was loaded in: a picker on one item loads the
/// targets of that picker for every item of the batch at once, so a level of a request costs one query per picker.
/// </summary>
public sealed class ContentNode(ContentItem item, NodeBatch batch)
{
    public ContentItem Item { get; } = item;

    public NodeBatch Batch { get; } = batch;
}

/// <summary>The items loaded together by one list (or one lookup).</summary>
public sealed class NodeBatch
{
    public List<ContentNode> Nodes { get; } = [];

    /// <summary>The versions the list asked for; lookups and pickers read published ones.</summary>
    public PublicationStatus Status { get; init; } = PublicationStatus.Published;

    public static List<ContentNode> Of(IEnumerable<ContentItem> items, PublicationStatus status = PublicationStatus.Published)
    {
        var batch = new NodeBatch { Status = status };
        batch.Nodes.AddRange(items.Select(i => new ContentNode(i, batch)));
        return batch.Nodes;
    }
}
