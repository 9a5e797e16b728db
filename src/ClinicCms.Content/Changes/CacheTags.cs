namespace ClinicCms.Content.Changes;

/// <summary>The cache tag names that GraphQL answers and webhook payloads carry, so a purge by tag refreshes what showed a change.</summary>
public static class CacheTags
{
    public static string Type(string contentType) => "type:" + contentType;

    public static string Item(string contentItemId) => "item:" + contentItemId;
}
