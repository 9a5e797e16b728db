using System.Globalization;
using System.Text;

namespace ClinicCms.Content.Validation;

/// <summary>
/// The characters an AutoroutePart path may hold, so a frontend can put it in a URL or a page unescaped: segments of
/// letters (any script, with their combining marks), digits, '-', '_', '.' and '~', joined by single '/'. No '.' or
/// '..' segment, no markup, quotes, spaces or control characters; at most <see cref="MaxLength"/> characters (Orchard's
/// limit). A leading or trailing '/' is dropped before the check, as Orchard does.
/// </summary>
public static class AutoroutePath
{
    public const int MaxLength = 1024;

    /// <summary>Why the path cannot be used, or null.</summary>
    public static string? Problem(string path)
    {
        if (path.Length > MaxLength)
        {
            return $"the path is {path.Length} characters long; at most {MaxLength} are allowed";
        }
        foreach (var segment in path.Split('/'))
        {
            if (segment is "" or "." or "..")
            {
                return $"the path '{Shown(path)}' has an empty, '.' or '..' segment";
            }
        }
        foreach (var rune in path.EnumerateRunes())
        {
            if (!Allowed(rune))
            {
                return $"the path '{Shown(path)}' has a character that is not allowed ({Describe(rune)}); "
                    + "paths use letters, digits, '-', '_', '.', '~' and '/' between segments";
            }
        }
        return null;
    }

    private static bool Allowed(Rune rune) => rune.Value is '-' or '_' or '.' or '~' or '/'
        || Rune.GetUnicodeCategory(rune) is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
            or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark
            or UnicodeCategory.DecimalDigitNumber;

    private static string Describe(Rune rune) =>
        Rune.IsControl(rune) || Rune.IsWhiteSpace(rune) ? $"U+{rune.Value:X4}" : $"'{rune}'";

    // Long paths are cut in messages; the characters are kept, since the admin and the API encode what they show.
    private static string Shown(string path) => path.Length > 80 ? $"{path[..80]}..." : path;
}
