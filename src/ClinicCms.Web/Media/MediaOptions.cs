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

    /// <summary>The widths and heights a resized image may be asked for; null or empty: Orchard's defaults (<see cref="ClinicCms.Content.Media.ImageSizes.Default"/>).</summary>
    public int[]? SupportedSizes { get; set; }

    /// <summary>The qualities a resized JPEG or WebP may be asked for; null or empty: <see cref="ClinicCms.Content.Media.ImageQualities.Default"/>.</summary>
    public int[]? SupportedQualities { get; set; }

    /// <summary>Images with more pixels than this are not resized (a small file can decode to gigabytes).</summary>
    public long MaxInputPixels { get; set; } = 50_000_000;

    /// <summary>Resizes that run at once; more wait their turn, so a burst of new variants cannot take every core.</summary>
    public int MaxConcurrentResizes { get; set; } = Math.Max(1, Environment.ProcessorCount / 2);

    /// <summary>
    /// The most the variant cache (MediaCache) may hold, in bytes; past it the least recently used variants are deleted
    /// (originals never are). 0 or less: no cap.
    /// </summary>
    public long CacheMaxBytes { get; set; } = 1L << 30;

    /// <summary>
    /// Variants not yet cached that one address may have made per window; more get a 429 with Retry-After. A
    /// PermitLimit of 0 turns the budget off.
    /// </summary>
    public ClinicCms.Web.Security.RateLimit NewVariants { get; set; } = new() { PermitLimit = 300, WindowSeconds = 60 };

    /// <summary>Requests that may wait for a resize; more get a 503 with Retry-After. Null: four times <see cref="MaxConcurrentResizes"/>.</summary>
    public int? MaxWaitingResizes { get; set; }
}
