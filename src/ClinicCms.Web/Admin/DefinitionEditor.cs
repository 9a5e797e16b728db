using System.Text.RegularExpressions;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Web.Admin;

/// <summary>Changes to content types from the admin: applied to a copy of the definitions, and saved; the store announces it, so forms and GraphQL follow at once.</summary>
public sealed partial class DefinitionEditor(ContentDefinitionStore definitions)
{
    public Task<ContentDefinitionSet> CurrentAsync(CancellationToken cancellationToken = default) => definitions.GetAsync(cancellationToken);

    /// <summary>Applies <paramref name="change"/>; returns its error, if any, and saves nothing then.</summary>
    public async Task<string?> ChangeAsync(Func<ContentDefinitionSet, string?> change, CancellationToken cancellationToken = default)
    {
        var copy = (await definitions.GetAsync(cancellationToken)).Copy();
        if (change(copy) is { } error)
        {
            return error;
        }
        await definitions.SaveAsync(copy, cancellationToken);
        return null;
    }

    public static bool IsValidName(string? name) => name is not null && Name().IsMatch(name);

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,63}$")]
    private static partial Regex Name();
}
