namespace ClinicCms.Content.Changes;

/// <summary>The cache tag names that GraphQL answers and webhook payloads carry, so a purge by tag refreshes what showed a change.</summary>
public static class CacheTags
{
    public static string Type(string contentType) => "type:" + contentType;

    public static string Item(string contentItemId) => "item:" + contentItemId;

    /// <summary>A media file, by its path in the media library (<c>media:images/photo.jpg</c>).</summary>
    public static string Media(string path) => "media:" + path;
}
