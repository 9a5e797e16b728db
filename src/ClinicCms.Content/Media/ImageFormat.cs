namespace ClinicCms.Content.Media;

/// <summary>The formats a resized image can be written in (<c>format=jpg|png|webp</c>).</summary>
public enum ImageFormat
{
    Jpg,
    Png,
    Webp,
}
