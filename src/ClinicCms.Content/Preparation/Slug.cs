using System.Globalization;
using System.Text;

namespace ClinicCms.Content.Preparation;

/// <summary>Liquid's <c>slugify</c>: lower case, accents dropped, every run of other characters one hyphen.</summary>
public static class Slug
{
    public static string Slugify(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return "";
        }
        var builder = new StringBuilder(text.Length);
        var hyphen = false;
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }
            if (char.IsAsciiLetterOrDigit(c))
            {
                if (hyphen && builder.Length > 0)
                {
                    builder.Append('-');
                }
                builder.Append(char.ToLowerInvariant(c));
                hyphen = false;
            }
            else if (c is not '\'' and not '’')
            {
                hyphen = true;
            }
        }
        return builder.ToString();
    }
}
