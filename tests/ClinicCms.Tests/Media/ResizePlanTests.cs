using ClinicCms.Content.Media;
using ClinicCms.Web.Media;

namespace ClinicCms.Tests.Media;

/// <summary>What each rmode does to an image's size, and that no result outgrows the largest supported size.</summary>
public sealed class ResizePlanTests
{
    private static ResizePlan Plan(int width, int height, int? w, int? h, ImageResizeMode mode) =>
        ResizePlan.For(width, height, new ImageResize(w, h, mode, null, null, null), 2048);

    [Fact]
    public void Each_mode_gives_orchards_sizes()
    {
        Assert.Equal(new ResizePlan(640, 480, 480, 480, true, false), Plan(2048, 1536, 480, 480, ImageResizeMode.Crop));
        Assert.Equal(new ResizePlan(480, 360, 480, 480, false, true), Plan(2048, 1536, 480, 480, ImageResizeMode.Pad));
        Assert.Equal(new ResizePlan(100, 50, 480, 480, false, true), Plan(100, 50, 480, 480, ImageResizeMode.BoxPad));
        Assert.Equal(new ResizePlan(480, 240, 480, 480, false, true), Plan(100, 50, 480, 480, ImageResizeMode.Pad));
        Assert.Equal(new ResizePlan(480, 360, 480, 360, false, false), Plan(2048, 1536, 480, 480, ImageResizeMode.Max));
        Assert.Equal(new ResizePlan(640, 480, 640, 480, false, false), Plan(2048, 1536, 480, 480, ImageResizeMode.Min));
        Assert.Equal(new ResizePlan(100, 50, 100, 50, false, false), Plan(100, 50, 480, 480, ImageResizeMode.Min));
        Assert.Equal(new ResizePlan(100, 480, 100, 480, false, false), Plan(2048, 1536, 100, 480, ImageResizeMode.Stretch));
    }

    [Fact]
    public void No_side_of_a_result_or_an_enlarged_image_exceeds_the_largest_size()
    {
        // A thin strip asked for 2048 wide would be 204,800 pixels tall.
        var strip = Plan(100, 10000, 2048, null, ImageResizeMode.Crop);
        Assert.Equal((20, 2048), (strip.CanvasWidth, strip.CanvasHeight));
        var cropped = Plan(100, 10000, 2048, 16, ImageResizeMode.Crop);
        Assert.True(cropped.ResizeWidth <= 2048 && cropped.ResizeHeight <= 2048, cropped.ToString());
        var min = Plan(7000, 100, 100, 100, ImageResizeMode.Min);
        Assert.Equal((2048, 29), (min.CanvasWidth, min.CanvasHeight));
        var formatOnly = Plan(6000, 4000, null, null, ImageResizeMode.Crop);
        Assert.Equal((2048, 1365), (formatOnly.CanvasWidth, formatOnly.CanvasHeight));
    }
}
