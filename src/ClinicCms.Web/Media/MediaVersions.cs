using ClinicCms.Content.Media;

namespace ClinicCms.Web.Media;

/// <summary>Media files' versions: the same value resized images' names and ETags hold.</summary>
public sealed class MediaVersions(MediaStore media) : IMediaVersions
{
    public string? VersionOf(string path)
    {
        var relative = path.TrimStart('/');
        // Only paths the library could have written: the endpoint resizes no other.
        if (relative.Length == 0 || MediaStore.SafePath(relative) != relative)
        {
            return null;
        }
        var file = new FileInfo(media.Resolve(relative));
        return file.Exists ? MediaVariants.VersionOf(file) : null;
    }
}
