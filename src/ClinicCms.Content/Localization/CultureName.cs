using System.Text.RegularExpressions;

namespace ClinicCms.Content.Localization;

/// <summary>
/// The shape of a culture name (a BCP 47 tag as .NET names cultures: <c>en-US</c>, <c>es-419</c>, <c>zh-Hant-TW</c>).
/// Checked by shape, not against the machine's culture data, so every host accepts the same names.
/// </summary>
public static partial class CultureName
{
    /// <summary>The longest name kept; also the length of the culture column.</summary>
    public const int MaxLength = 32;

    public static bool IsValid(string? name) => name is { Length: > 0 and <= MaxLength } && Shape().IsMatch(name);

    /// <summary>Why <paramref name="name"/> is not a culture name, or null when it is one.</summary>
    public static string? Problem(string? name) => IsValid(name) ? null
        : $"'{Shown(name)}' is not a culture name: expected a language code with optional subtags, such as en-US or es-419";

    /// <summary>
    /// The language of a culture: its first subtag, lower-cased (<c>es</c> for es-US, <c>en</c> for en_GB); empty for none.
    /// Translate puts it in front of a proposed path, and search picks its stemming by it.
    /// </summary>
    public static string Language(string? culture) => (culture ?? "").Split('-', '_')[0].ToLowerInvariant();

    /// <summary>The name as an error message may show it: cut short, and only its printable ASCII without markup characters.</summary>
    public static string Shown(string? name)
    {
        var text = new string((name ?? "").Where(c => c is >= ' ' and <= '~' and not '<' and not '>' and not '&' and not '"' and not '\'').Take(40).ToArray());
        return (name?.Length ?? 0) > 40 ? text + "…" : text;
    }

    [GeneratedRegex("^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,4}\\z", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
