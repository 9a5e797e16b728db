namespace ClinicCms.Content.Media;

/// <summary>How an image is fitted to the requested width and height: Orchard Core's <c>rmode</c> values.</summary>
public enum ImageResizeMode
{
    /// <summary>Fills the box and crops what overflows, around the centre (the default).</summary>
    Crop,

    /// <summary>Fits inside the box and pads the rest with the background colour.</summary>
    Pad,

    /// <summary>As <see cref="Pad"/>, but an image smaller than the box is padded without being enlarged.</summary>
    BoxPad,

    /// <summary>Fits inside the box, keeping the aspect ratio; no padding.</summary>
    Max,

    /// <summary>Shrinks until the shorter side reaches the box; never enlarges.</summary>
    Min,

    /// <summary>Exactly the box, aspect ratio ignored.</summary>
    Stretch,
}
