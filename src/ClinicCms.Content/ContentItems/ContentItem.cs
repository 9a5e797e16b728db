using System.Text.Json.Nodes;

namespace ClinicCms.Content.ContentItems;

/// <summary>One version of a content item, in Orchard Core's shape: well-known root values plus parts and fields.</summary>
public sealed class ContentItem
{
    /// <summary>Stable id of the item, shared by all its versions (26 characters).</summary>
    public string ContentItemId { get; set; } = "";

    /// <summary>Id of this version (26 characters); the identity used by recipe import.</summary>
    public string ContentItemVersionId { get; set; } = "";

    /// <summary>Name of the content type this item belongs to.</summary>
    public string ContentType { get; set; } = "";

    /// <summary>Text shown for the item in lists; maintained by TitlePart.</summary>
    public string? DisplayText { get; set; }

    /// <summary>True for the newest version of the item (the one an editor edits).</summary>
    public bool Latest { get; set; }

    /// <summary>True for the version frontends read.</summary>
    public bool Published { get; set; }

    /// <summary>When this version was last changed (UTC).</summary>
    public DateTime? ModifiedUtc { get; set; }

    /// <summary>When the item was last published (UTC).</summary>
    public DateTime? PublishedUtc { get; set; }

    /// <summary>When the item was created (UTC).</summary>
    public DateTime? CreatedUtc { get; set; }

    /// <summary>Id of the user who owns the item.</summary>
    public string? Owner { get; set; }

    /// <summary>Name of the user who wrote this version.</summary>
    public string? Author { get; set; }

    /// <summary>Parts and fields, keyed by part name: <c>{ "TitlePart": { "Title": "…" }, "FAQ": { "Order": { "Value": 1 } } }</c>.</summary>
    public JsonObject Parts
    {
        // Made on first use: a read fills every item from parts parsed once and shared, so an empty object made for
        // each item of each answer would be thrown away at once.
        get => _parts ?? Interlocked.CompareExchange(ref _parts, [], null) ?? _parts;
        set => _parts = value;
    }

    private JsonObject? _parts;

    /// <summary>Token of the stored row this version was read from; a save based on an older token is a conflict. Not part of the JSON.</summary>
    public string? ConcurrencyStamp { get; set; }

    /// <summary>A deep copy; the copy keeps ids and flags.</summary>
    public ContentItem Clone() => new()
    {
        ContentItemId = ContentItemId,
        ContentItemVersionId = ContentItemVersionId,
        ContentType = ContentType,
        DisplayText = DisplayText,
        Latest = Latest,
        Published = Published,
        ModifiedUtc = ModifiedUtc,
        PublishedUtc = PublishedUtc,
        CreatedUtc = CreatedUtc,
        Owner = Owner,
        Author = Author,
        Parts = (JsonObject)Parts.DeepClone(),
        ConcurrencyStamp = ConcurrencyStamp,
    };
}
