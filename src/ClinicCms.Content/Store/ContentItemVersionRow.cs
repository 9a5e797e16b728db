namespace ClinicCms.Content.Store;

/// <summary>One row per version: the item's parts as JSON plus the root values as indexed columns.</summary>
public sealed class ContentItemVersionRow
{
    public long Id { get; set; }
    public string ContentItemId { get; set; } = "";
    public string ContentItemVersionId { get; set; } = "";
    public string ContentType { get; set; } = "";
    public string? DisplayText { get; set; }
    public bool Latest { get; set; }
    public bool Published { get; set; }
    public DateTime? CreatedUtc { get; set; }
    public DateTime? ModifiedUtc { get; set; }
    public DateTime? PublishedUtc { get; set; }
    public string? Owner { get; set; }
    public string? Author { get; set; }

    /// <summary>AutoroutePart.Path, so that lookup by path uses an index.</summary>
    public string? Path { get; set; }

    /// <summary>LocalizationPart.Culture, so that a list in one culture uses an index.</summary>
    public string? Culture { get; set; }

    /// <summary>LocalizationPart.LocalizationSet: the items of one set are one piece of content in several cultures.</summary>
    public string? LocalizationSet { get; set; }

    /// <summary>
    /// When the scheduler acts on this version: its PublishLaterPart time while it is the latest draft, its
    /// ArchiveLaterPart time while it is published, else null. Filled from the parts on every write; indexed, so the
    /// scheduler's check is one query; cleared by the instance that claims the row.
    /// </summary>
    public DateTime? ScheduledUtc { get; set; }

    /// <summary>Parts and fields (the item's JSON without its root values).</summary>
    public string Content { get; set; } = "{}";

    /// <summary>Changes on every write; EF Core checks it, so a save based on a stale row fails.</summary>
    public string ConcurrencyStamp { get; set; } = "";

    /// <summary>The version's scalar field values, for filtering and ordering in SQL.</summary>
    public List<ContentFieldIndexRow> Fields { get; set; } = [];
}
