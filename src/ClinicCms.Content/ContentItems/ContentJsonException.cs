namespace ClinicCms.Content.ContentItems;

/// <summary>A content item's JSON has a value of the wrong kind; <see cref="Path"/> is relative to the item.</summary>
public sealed class ContentJsonException(string path, string message) : Exception($"{path}: {message}")
{
    public string Path { get; } = path;

    public string Problem { get; } = message;
}
