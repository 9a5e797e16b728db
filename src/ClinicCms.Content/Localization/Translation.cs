using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Parts;
using ClinicCms.Content.Versions;

namespace ClinicCms.Content.Localization;

/// <summary>
/// A new item of the source's localization set in another culture, with the source's fields for the editor to translate
/// (Orchard's LocalizationPart "Translate"). Its path is proposed as the source's with the culture's language in front
/// (<c>es/articles/...</c>), so that a path still names one item; the editor may change it.
/// </summary>
public static class Translation
{
    public static ContentItem Of(ContentItem source, string partName, string culture, ContentUser user)
    {
        var translation = VersionTransitions.Clone(source, user);
        var part = source.Get<LocalizationPart>(partName);
        part.Culture = culture;
        translation.Apply(partName, part);
        if (source.Get<AutoroutePart>(PartNames.AutoroutePart).Path is { Length: > 0 } path)
        {
            translation.Apply(PartNames.AutoroutePart, new AutoroutePart { Path = ProposedPath(path, culture) });
        }
        return translation;
    }

    /// <summary>The source's path under the culture's language: <c>articles/x</c> in es-US is <c>es/articles/x</c>.</summary>
    public static string ProposedPath(string sourcePath, string culture) =>
        $"{CultureName.Language(culture)}/{sourcePath.Trim('/')}";
}
