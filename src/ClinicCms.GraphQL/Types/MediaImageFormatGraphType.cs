using ClinicCms.Content.Media;
using GraphQL.Types;

namespace ClinicCms.GraphQL.Types;

/// <summary>The <c>format</c> of a resized media url.</summary>
public sealed class MediaImageFormatGraphType : EnumerationGraphType
{
    public MediaImageFormatGraphType()
    {
        Name = "MediaImageFormat";
        Description = "The format a resized image is written in (the format parameter); by default the original's.";
        Add("JPG", ImageFormat.Jpg, "JPEG.");
        Add("PNG", ImageFormat.Png, "PNG.");
        Add("WEBP", ImageFormat.Webp, "WebP.");
    }
}
