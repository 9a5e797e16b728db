namespace ClinicCms.Content.Media;

/// <summary>The widths and heights resized images may have (<c>ClinicCms:Media:SupportedSizes</c>).</summary>
public static class ImageSizes
{
    /// <summary>Orchard Core's default supported sizes. A fixed list keeps anyone from filling the disk with variants.</summary>
    public static IReadOnlyList<int> Default { get; } = [16, 32, 50, 100, 160, 240, 480, 600, 1024, 2048];

    /// <summary>The configured sizes, or the defaults when none are configured.</summary>
    public static IReadOnlyList<int> OrDefault(int[]? configured) =>
        configured is { Length: > 0 } ? [.. configured.Where(s => s > 0).Distinct().Order()] : Default;

    public static string Describe(IReadOnlyList<int> sizes) => string.Join(", ", sizes);
}
