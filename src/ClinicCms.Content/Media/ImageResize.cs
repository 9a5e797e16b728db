using System.Globalization;

namespace ClinicCms.Content.Media;

/// <summary>
/// A resized image asked for with Orchard Core's query parameters: <c>width</c>, <c>height</c>, <c>rmode</c>,
/// <c>format</c>, <c>quality</c> and <c>bgcolor</c>. Parsed in one place, so the media endpoint and the GraphQL
/// <c>url</c> accept and write exactly the same thing.
/// </summary>
public sealed record ImageResize(int? Width, int? Height, ImageResizeMode Mode, ImageFormat? Format, int? Quality, ImageColor? Background)
{
    /// <summary>Orchard Core's quality when none is given.</summary>
    public const int DefaultQuality = 75;

    public static readonly string[] ParameterNames = ["width", "height", "rmode", "format", "quality", "bgcolor"];

    /// <summary>The extensions of raster images; other files (PDF, SVG, ...) ignore the parameters.</summary>
    public static readonly string[] RasterExtensions = [".jpg", ".jpeg", ".png", ".webp", ".gif"];

    public static bool IsRaster(string path) =>
        RasterExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// Reads the parameters (<paramref name="value"/> gives each one's values); returns null with an error naming
    /// the parameter when one is not allowed.
    /// </summary>
    public static (ImageResize? Resize, string? Error) Parse(Func<string, IReadOnlyList<string?>> value, IReadOnlyList<int> sizes) =>
        Parse(value, sizes, ImageQualities.Default);

    /// <inheritdoc cref="Parse(Func{string, IReadOnlyList{string}}, IReadOnlyList{int})"/>
    public static (ImageResize? Resize, string? Error) Parse(Func<string, IReadOnlyList<string?>> value, IReadOnlyList<int> sizes, IReadOnlyList<int> qualities)
    {
        string? Single(string name, out string? error)
        {
            var values = value(name);
            error = values.Count > 1 ? $"{name} is given {values.Count} times; give it once" : null;
            return values.Count == 1 ? values[0] : null;
        }
        var width = Single("width", out var error) is { } w ? ParseSize("width", w, sizes, ref error) : null;
        if (error is not null)
        {
            return (null, error);
        }
        var height = Single("height", out error) is { } h ? ParseSize("height", h, sizes, ref error) : null;
        var mode = error is null && Single("rmode", out error) is { } m ? ParseMode(m, ref error) : ImageResizeMode.Crop;
        var format = error is null && Single("format", out error) is { } f ? ParseFormat(f, ref error) : null;
        var quality = error is null && Single("quality", out error) is { } q ? ParseQuality(q, qualities, ref error) : null;
        var background = error is null && Single("bgcolor", out error) is { } b ? ParseColor(b, ref error) : null;
        return error is null ? (new ImageResize(width, height, mode, format, quality, background), null) : (null, error);
    }

    /// <summary>
    /// These parameters without the ones that change nothing in an image of <paramref name="output"/> format, and with
    /// the default quality written out: equal results have equal parameters, so they are one variant, not many.
    /// </summary>
    public ImageResize Effective(ImageFormat output) => this with
    {
        Quality = output == ImageFormat.Png ? null : Quality ?? DefaultQuality,
        Background = Mode is ImageResizeMode.Pad or ImageResizeMode.BoxPad ? Background : null,
    };

    /// <summary>The query string for these parameters, in Orchard's order, without the '?'.</summary>
    public string ToQuery()
    {
        var parts = new List<string>();
        if (Width is { } width)
        {
            parts.Add($"width={width.ToString(CultureInfo.InvariantCulture)}");
        }
        if (Height is { } height)
        {
            parts.Add($"height={height.ToString(CultureInfo.InvariantCulture)}");
        }
        if (Width is not null || Height is not null || Mode != ImageResizeMode.Crop)
        {
            parts.Add($"rmode={ModeName(Mode)}");
        }
        if (Format is { } format)
        {
            parts.Add($"format={FormatName(format)}");
        }
        if (Quality is { } quality)
        {
            parts.Add($"quality={quality.ToString(CultureInfo.InvariantCulture)}");
        }
        if (Background is { } background)
        {
            parts.Add($"bgcolor={background.Hex}");
        }
        return string.Join('&', parts);
    }

    public static string ModeName(ImageResizeMode mode) => mode.ToString().ToLowerInvariant();

    public static string FormatName(ImageFormat format) => format.ToString().ToLowerInvariant();

    private static int? ParseSize(string name, string text, IReadOnlyList<int> sizes, ref string? error)
    {
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && sizes.Contains(size))
        {
            return size;
        }
        error = $"{name} {Quote(text)} is not a supported size; supported sizes: {ImageSizes.Describe(sizes)}";
        return null;
    }

    private static ImageResizeMode ParseMode(string text, ref string? error)
    {
        foreach (var mode in Enum.GetValues<ImageResizeMode>())
        {
            if (string.Equals(ModeName(mode), text, StringComparison.OrdinalIgnoreCase))
            {
                return mode;
            }
        }
        error = $"rmode {Quote(text)} is not a resize mode; use crop, pad, boxpad, max, min or stretch";
        return ImageResizeMode.Crop;
    }

    private static ImageFormat? ParseFormat(string text, ref string? error)
    {
        switch (text.ToLowerInvariant())
        {
            case "jpg" or "jpeg":
                return ImageFormat.Jpg;
            case "png":
                return ImageFormat.Png;
            case "webp":
                return ImageFormat.Webp;
            default:
                error = $"format {Quote(text)} is not supported; use jpg, png or webp";
                return null;
        }
    }

    private static int? ParseQuality(string text, IReadOnlyList<int> qualities, ref string? error)
    {
        if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var quality) || quality is < 1 or > 100)
        {
            error = $"quality {Quote(text)} is not a whole number from 1 to 100";
            return null;
        }
        if (!qualities.Contains(quality))
        {
            error = $"quality {Quote(text)} is not a supported quality; supported qualities: {string.Join(", ", qualities)} (ClinicCms:Media:SupportedQualities)";
            return null;
        }
        return quality;
    }

    private static ImageColor? ParseColor(string text, ref string? error)
    {
        var color = ImageColor.Parse(text);
        if (color is null)
        {
            error = $"bgcolor {Quote(text)} is not a colour of the supported set; use a 3-digit hex colour (RGB, or RRGGBB with "
                + $"each pair one digit twice, such as ff8800; '#' optional) or {ImageColor.NamesText}";
        }
        return color;
    }

    // The value is echoed in the error: shortened, and with control characters shown as '?'.
    private static string Quote(string text)
    {
        var shown = text.Length > 40 ? text[..40] + "..." : text;
        return "'" + new string([.. shown.Select(c => char.IsControl(c) ? '?' : c)]) + "'";
    }
}
