using ClinicCms.Content.Media;
using NetVips;

namespace ClinicCms.Web.Media;

/// <summary>
/// Writes one resized image with libvips: only JPEG, PNG, WebP and GIF files are decoded, images over
/// <see cref="MediaOptions.MaxInputPixels"/> are refused from their header alone, and no metadata (EXIF, GPS, XMP,
/// ICC) is copied into the result.
/// </summary>
public static class ImageResizer
{
    // The loaders an original may be read with: a PDF or SVG renamed to .jpg must not reach a vector renderer.
    private static readonly string[] AllowedLoaders = ["VipsForeignLoadJpeg", "VipsForeignLoadPng", "VipsForeignLoadWebp", "VipsForeignLoadNsgif", "VipsForeignLoadGif"];

    static ImageResizer()
    {
        // libvips caches operations by file name: a replaced original would come back from the cache.
        Cache.Max = 0;
        // One thread per resize; the number of resizes at once is bounded by the variant cache.
        NetVips.NetVips.Concurrency = 1;
        NetVips.NetVips.BlockUntrusted = true;
    }

    /// <summary>The format a variant is written in: the one asked for, else the original's (GIF becomes PNG).</summary>
    public static ImageFormat OutputFormat(string path, ImageResize resize) => resize.Format ?? Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".jpg" or ".jpeg" => ImageFormat.Jpg,
        ".webp" => ImageFormat.Webp,
        _ => ImageFormat.Png,
    };

    public static string ContentType(ImageFormat format) => format switch
    {
        ImageFormat.Jpg => "image/jpeg",
        ImageFormat.Webp => "image/webp",
        _ => "image/png",
    };

    /// <summary>Writes the variant of <paramref name="source"/> to <paramref name="target"/>; returns why not, or null.</summary>
    public static string? Resize(string source, string target, ImageResize resize, MediaOptions options)
    {
        try
        {
            var loader = Image.FindLoad(source);
            if (loader is null || !AllowedLoaders.Any(l => loader.StartsWith(l, StringComparison.Ordinal)))
            {
                return "the file is not a JPEG, PNG, WebP or GIF image, so it cannot be resized";
            }
            int width, height;
            using (var header = Image.NewFromFile(source, access: Enums.Access.Sequential))
            {
                if ((long)header.Width * header.Height > options.MaxInputPixels)
                {
                    return $"the image is {header.Width} × {header.Height} pixels, more than the {options.MaxInputPixels:N0} pixels that are resized (ClinicCms:Media:MaxInputPixels)";
                }
                // Thumbnail turns the image upright from its orientation tag; sizes are of the upright image.
                var sideways = header.Contains("orientation") && header.Get("orientation") is int o && o >= 5;
                (width, height) = sideways ? (header.Height, header.Width) : (header.Width, header.Height);
            }
            var largest = ImageSizes.OrDefault(options.SupportedSizes).Max();
            var plan = ResizePlan.For(width, height, resize, largest);
            Write(source, target, resize, plan);
            return null;
        }
        catch (VipsException e)
        {
            return $"the image cannot be read ({FirstLine(e.Message)})";
        }
    }

    private static void Write(string source, string target, ImageResize resize, ResizePlan plan)
    {
        var format = OutputFormat(source, resize);
        var background = resize.Background ?? (format == ImageFormat.Jpg ? ImageColor.White : new ImageColor(255, 255, 255, 0));
        var made = new List<Image>();
        Image Made(Image image)
        {
            made.Add(image);
            return image;
        }
        try
        {
            var image = Made(Image.Thumbnail(source, plan.ResizeWidth, height: plan.ResizeHeight, size: Enums.Size.Force));
            if (image.Interpretation != Enums.Interpretation.Srgb)
            {
                image = Made(image.Colourspace(Enums.Interpretation.Srgb));
            }
            if (plan.Crop)
            {
                image = Made(image.Crop((image.Width - plan.CanvasWidth) / 2, (image.Height - plan.CanvasHeight) / 2, plan.CanvasWidth, plan.CanvasHeight));
            }
            if (plan.Pad && (image.Width != plan.CanvasWidth || image.Height != plan.CanvasHeight))
            {
                if (format != ImageFormat.Jpg && background.Alpha < 255 && !image.HasAlpha())
                {
                    image = Made(image.Bandjoin(255));
                }
                double[] fill = image.HasAlpha() ? [background.Red, background.Green, background.Blue, background.Alpha] : [background.Red, background.Green, background.Blue];
                image = Made(image.Gravity(Enums.CompassDirection.Centre, plan.CanvasWidth, plan.CanvasHeight, extend: Enums.Extend.Background, background: fill));
            }
            if (format == ImageFormat.Jpg && image.HasAlpha())
            {
                image = Made(image.Flatten(background: [background.Red, background.Green, background.Blue]));
            }
            Save(image, target, format, resize.Quality ?? ImageResize.DefaultQuality);
        }
        finally
        {
            made.ForEach(i => i.Dispose());
        }
    }

    private static void Save(Image image, string target, ImageFormat format, int quality)
    {
        switch (format)
        {
            case ImageFormat.Jpg:
                image.Jpegsave(target, q: quality, keep: Enums.ForeignKeep.None);
                break;
            case ImageFormat.Webp:
                image.Webpsave(target, q: quality, keep: Enums.ForeignKeep.None);
                break;
            default:
                image.Pngsave(target, keep: Enums.ForeignKeep.None);
                break;
        }
    }

    private static string FirstLine(string message) => message.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "unknown error";
}
