namespace ClinicCms.Content.Media;

/// <summary>The qualities resized JPEG and WebP images may be asked for (<c>ClinicCms:Media:SupportedQualities</c>).</summary>
public static class ImageQualities
{
    /// <summary>A few steps around Orchard Core's default of 75: each quality is another file per size, so the list stays short.</summary>
    public static IReadOnlyList<int> Default { get; } = [50, 75, 90, 100];

    /// <summary>The configured qualities (1 to 100), or the defaults when none are configured.</summary>
    public static IReadOnlyList<int> OrDefault(int[]? configured) =>
        configured is { Length: > 0 } ? [.. configured.Where(q => q is >= 1 and <= 100).Distinct().Order()] : Default;
}
