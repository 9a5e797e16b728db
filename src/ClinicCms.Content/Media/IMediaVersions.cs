namespace ClinicCms.Content.Media;

/// <summary>
/// The version of a media file (changing whenever the file is replaced), for URLs that may be cached for good: the
/// media endpoint serves a URL with <c>v</c> as immutable.
/// </summary>
public interface IMediaVersions
{
    /// <summary>The version of the file at <paramref name="path"/> in the media library, or null when there is none.</summary>
    string? VersionOf(string path);
}
