using System.Text.RegularExpressions;

namespace ClinicCms.Recipes.Scripting;

/// <summary>Orchard's <c>file</c> engine: <c>text('path')</c> and <c>base64('path')</c>, relative to the recipe's folder and never outside it.</summary>
internal static partial class FileFunctions
{
    public static string Evaluate(string script, string basePath)
    {
        var match = Call().Match(script.Trim());
        if (!match.Success)
        {
            throw new ScriptException($"expected text('path') or base64('path'), got '{script.Trim()}'");
        }
        var relative = match.Groups["path"].Value;
        var (full, error) = RecipeFiles.Resolve(basePath, relative);
        if (full is null)
        {
            throw new ScriptException(error!);
        }
        return match.Groups["function"].Value == "text"
            ? File.ReadAllText(full)
            : Convert.ToBase64String(File.ReadAllBytes(full));
    }

    [GeneratedRegex(@"^(?<function>text|base64)\(\s*['""](?<path>[^'""]+)['""]\s*\)$")]
    private static partial Regex Call();
}
