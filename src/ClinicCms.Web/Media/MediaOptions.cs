namespace ClinicCms.Web.Media;

/// <summary>The ClinicCms:Media configuration section.</summary>
public sealed class MediaOptions
{
    public const string Section = "ClinicCms:Media";

    public string[] AllowedExtensions { get; set; } =
        [".jpg", ".jpeg", ".png", ".gif", ".webp", ".avif", ".svg", ".ico", ".pdf", ".txt", ".csv", ".docx", ".xlsx", ".pptx", ".mp3", ".mp4", ".webm"];

    public long MaxFileBytes { get; set; } = 30 * 1024 * 1024;

    /// <summary>Below this much free space on the media folder's disk, /health/ready answers 503.</summary>
    public long MinFreeBytes { get; set; } = 64 * 1024 * 1024;
}
