using System.Text.RegularExpressions;

namespace ClinicCms.Content.Localization;

/// <summary>
/// The shape of a localization set id. Orchard makes them with its IdGenerator (26 lowercase letters and digits); recipes
/// also carry ids of their own making, and GUIDs from <c>uuid()</c>. Letters, digits, '-' and '_' only, so an id never
/// carries markup, spaces or control characters into an answer or a log.
/// </summary>
public static partial class LocalizationSetId
{
    /// <summary>The longest id accepted (a GUID with braces fits; Orchard's are 26 characters).</summary>
    public const int MaxLength = 64;

    public static bool IsValid(string? id) => id is { Length: > 0 and <= MaxLength } && Shape().IsMatch(id);

    /// <summary>Why <paramref name="id"/> is not a localization set id, or null when it is one.</summary>
    public static string? Problem(string? id) => IsValid(id) ? null
        : $"'{CultureName.Shown(id)}' is not a localization set id: expected at most {MaxLength} letters, digits, '-' or '_', such as Orchard's 26-character ids";

    [GeneratedRegex("^[A-Za-z0-9_-]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
