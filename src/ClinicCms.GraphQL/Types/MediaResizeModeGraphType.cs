using ClinicCms.Content.Media;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>The <c>mode</c> of a resized media url: Orchard Core's <c>rmode</c> values.</summary>
public sealed class MediaResizeModeGraphType : EnumerationGraphType
{
    public MediaResizeModeGraphType()
    {
        Name = "MediaResizeMode";
        Description = "How a resized image fits the width and height (the rmode parameter).";
        Add("CROP", ImageResizeMode.Crop, "Fill the box and crop what overflows, around the centre (the default).");
        Add("PAD", ImageResizeMode.Pad, "Fit inside the box and pad the rest with the background colour.");
        Add("BOXPAD", ImageResizeMode.BoxPad, "As PAD, but a smaller image is padded without being enlarged.");
        Add("MAX", ImageResizeMode.Max, "Fit inside the box, keeping the aspect ratio, without padding.");
        Add("MIN", ImageResizeMode.Min, "Shrink until the shorter side reaches the box; never enlarge.");
        Add("STRETCH", ImageResizeMode.Stretch, "Exactly the box, aspect ratio ignored.");
    }
}
