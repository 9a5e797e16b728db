namespace ClinicCms.Content.Changes;

/// <summary>The cache tag names that GraphQL answers and webhook payloads carry, so a purge by tag refreshes what showed a change.</summary>
public static class CacheTags
{
    public const string TypePrefix = "type:";

    public const string ItemPrefix = "item:";

    public static string Type(string contentType) => TypePrefix + contentType;

    public static string Item(string contentItemId) => ItemPrefix + contentItemId;

    /// <summary>A media file, by its path in the media library (<c>media:images/photo.jpg</c>).</summary>
    public static string Media(string path) => "media:" + path;
}
