using System.Globalization;

namespace ClinicCms.Content.Media;

/// <summary>
/// A background colour (<c>bgcolor</c>): one of a few names, or one of the 4,096 colours of 3-digit hex (<c>RGB</c>, or
/// <c>RRGGBB</c> with each pair one digit twice). The set is bounded, as each colour of a padded image is a variant on
/// disk; every spelling of a colour (<c>fff</c>, <c>#FFF</c>, <c>ffffff</c>, <c>white</c>) is one <see cref="Hex"/>.
/// </summary>
public sealed record ImageColor(byte Red, byte Green, byte Blue, byte Alpha)
{
    private static readonly Dictionary<string, ImageColor> Names = new(StringComparer.OrdinalIgnoreCase)
    {
        ["transparent"] = new(0, 0, 0, 0),
        ["white"] = new(255, 255, 255, 255),
        ["black"] = new(0, 0, 0, 255),
        ["gray"] = new(128, 128, 128, 255),
        ["grey"] = new(128, 128, 128, 255),
        ["red"] = new(255, 0, 0, 255),
        ["green"] = new(0, 128, 0, 255),
        ["blue"] = new(0, 0, 255, 255),
    };

    public static string NamesText => string.Join(", ", Names.Keys);

    public static ImageColor White { get; } = new(255, 255, 255, 255);

    /// <summary>RRGGBBAA, lower case: the colour's one written form, for URLs and cache keys.</summary>
    public string Hex => $"{Red:x2}{Green:x2}{Blue:x2}{Alpha:x2}";

    public static ImageColor? Parse(string text)
    {
        if (Names.TryGetValue(text, out var named))
        {
            return named;
        }
        var hex = (text.StartsWith('#') ? text[1..] : text).ToLowerInvariant();
        if (hex.Length is not (3 or 6) || !hex.All(char.IsAsciiHexDigit))
        {
            return null;
        }
        if (hex.Length == 3)
        {
            hex = string.Concat(hex.Select(c => $"{c}{c}"));
        }
        else if (hex[0] != hex[1] || hex[2] != hex[3] || hex[4] != hex[5])
        {
            return null; // a colour outside the bounded set
        }
        byte Part(int i) => byte.Parse(hex.AsSpan(i * 2, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
        return new ImageColor(Part(0), Part(1), Part(2), 255);
    }
}
