using ClinicCms.Content.Media;

namespace ClinicCms.Web.Media;

/// <summary>
/// What a resize does to an image of a given size: scale it to <see cref="ResizeWidth"/> × <see cref="ResizeHeight"/>,
/// then crop or pad it to the canvas. No side of the result, nor of an enlarged image before its crop, is larger
/// than the largest supported size, so every variant is bounded whatever the original's shape.
/// </summary>
public sealed record ResizePlan(int ResizeWidth, int ResizeHeight, int CanvasWidth, int CanvasHeight, bool Crop, bool Pad)
{
    public static ResizePlan For(int sourceWidth, int sourceHeight, ImageResize resize, int largest)
    {
        double sw = sourceWidth, sh = sourceHeight;
        var fitInside = Math.Min(largest / sw, largest / sh);
        if (resize is { Width: { } w, Height: { } h })
        {
            switch (resize.Mode)
            {
                case ImageResizeMode.Stretch:
                    return new(w, h, w, h, false, false);
                case ImageResizeMode.Crop:
                    // Enlarging is bounded too: a thin image filling a wide box would otherwise grow without limit.
                    var cover = Math.Max(w / sw, h / sh);
                    var scale = cover > 1 ? Math.Min(cover, fitInside) : cover;
                    var (rw, rh) = Scaled(sw, sh, scale);
                    return new(rw, rh, Math.Min(w, rw), Math.Min(h, rh), true, false);
                case ImageResizeMode.Pad or ImageResizeMode.BoxPad:
                    var fit = Math.Min(w / sw, h / sh);
                    var (pw, ph) = Scaled(sw, sh, resize.Mode == ImageResizeMode.BoxPad ? Math.Min(fit, 1) : fit);
                    return new(Math.Min(pw, w), Math.Min(ph, h), w, h, false, true);
                case ImageResizeMode.Max:
                    return Plain(sw, sh, Math.Min(w / sw, h / sh), fitInside);
                default:
                    return Plain(sw, sh, Math.Min(1, Math.Max(w / sw, h / sh)), fitInside);
            }
        }
        // One side given: the other follows the aspect ratio. Neither: the format changes, within the largest size.
        var given = resize.Width is { } width ? width / sw : resize.Height is { } height ? height / sh : 1;
        var never = resize.Mode is ImageResizeMode.BoxPad or ImageResizeMode.Min || (resize.Width is null && resize.Height is null);
        return Plain(sw, sh, never ? Math.Min(given, 1) : given, fitInside);
    }

    private static ResizePlan Plain(double sw, double sh, double scale, double fitInside)
    {
        var (w, h) = Scaled(sw, sh, Math.Min(scale, fitInside));
        return new(w, h, w, h, false, false);
    }

    private static (int Width, int Height) Scaled(double sw, double sh, double scale) =>
        (Math.Max(1, (int)Math.Round(sw * scale)), Math.Max(1, (int)Math.Round(sh * scale)));
}
