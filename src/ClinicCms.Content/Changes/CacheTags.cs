namespace ClinicCms.Content.Changes;

public static class CacheTags { public static string Type(string contentType) => "type:" + contentType; public static string Item(string contentItemId) => "item:" + contentItemId; }
