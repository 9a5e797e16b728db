using ClinicCms.Content.Localization;
using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// Culture names in arguments and where filters. Names are case-insensitive (BCP 47), so a name that matches one of
/// the site's cultures but for case is read as the site spells it: the culture columns and their indexes then
/// compare as they are, exactly. An unknown culture is a filter that matches nothing, but a name that is not a
/// culture name at all is the caller's mistake, answered with an error that names it; a culture argument the site
/// lacks is answered (nothing is in it) with a warning saying so.
/// </summary>
internal static class CultureArguments
{
    /// <summary>The culture argument <paramref name="name"/>, checked and spelled as the site spells it; null when not given.</summary>
    public static async ValueTask<string?> ReadAsync(IResolveFieldContext context, string name)
    {
        var culture = context.GetArgument<string?>(name);
        if (culture is null)
        {
            return null;
        }
        Check(name, culture);
        var settings = await SettingsAsync(context);
        var spelled = SpelledBySite(settings, culture);
        if (settings is not null && !settings.Supports(spelled))
        {
            Warn(context, $"{name}: '{CultureName.Shown(culture)}' is not one of the site's cultures ({string.Join(", ", settings.SupportedCultures)}), so no item is in it.");
        }
        return spelled;
    }

    /// <summary>
    /// A culture the site lacks is no error (the answer is empty, as Orchard's where filter is), but the caller is told
    /// so, once per message, in the answer's <c>extensions.warnings</c>.
    /// </summary>
    private static void Warn(IResolveFieldContext context, string message)
    {
        if (context.OutputExtensions.TryGetValue(WarningsKey, out var found) && found is List<string> warnings)
        {
            if (!warnings.Contains(message))
            {
                warnings.Add(message);
            }
            return;
        }
        context.OutputExtensions[WarningsKey] = new List<string> { message };
    }

    public const string WarningsKey = "warnings";

    /// <summary>The where tree with every culture it compares with checked, and those it compares equal spelled as the site spells them.</summary>
    public static async ValueTask<ContentFilter?> WhereAsync(IResolveFieldContext context, ContentFilter? filter)
    {
        if (!ComparesCulture(filter))
        {
            return filter;
        }
        var settings = await SettingsAsync(context);
        return Spelled(filter!, settings);
    }

    private static ContentFilter Spelled(ContentFilter filter, LocalizationSettings? settings) => filter switch
    {
        AllOf all => new AllOf([.. all.Filters.Select(f => Spelled(f, settings))]),
        AnyOf any => new AnyOf([.. any.Filters.Select(f => Spelled(f, settings))]),
        Not not => new Not(Spelled(not.Filter, settings)),
        Comparison { Target: ColumnTarget { Column: "Culture" } } comparison => comparison with { Value = Spelled(comparison, settings) },
        _ => filter,
    };

    private static object? Spelled(Comparison comparison, LocalizationSettings? settings)
    {
        // Only whole names are respelled: a part of a name (contains, starts with) is compared as given.
        var whole = comparison.Operator is FilterOperator.Equal or FilterOperator.NotEqual or FilterOperator.In or FilterOperator.NotIn;
        string? One(object? value)
        {
            if (value is null)
            {
                return null;
            }
            var culture = value as string ?? value.ToString()!;
            Check("localizationPart.culture", culture);
            return whole ? SpelledBySite(settings, culture) : culture;
        }
        return comparison.Value switch
        {
            null => null,
            string one => One(one),
            System.Collections.IEnumerable many => many.Cast<object?>().Select(v => (object?)One(v)).ToList(),
            var other => One(other),
        };
    }

    private static bool ComparesCulture(ContentFilter? filter) => filter switch
    {
        AllOf all => all.Filters.Any(ComparesCulture),
        AnyOf any => any.Filters.Any(ComparesCulture),
        Not not => ComparesCulture(not.Filter),
        Comparison { Target: ColumnTarget { Column: "Culture" } } => true,
        _ => false,
    };

    private static string SpelledBySite(LocalizationSettings? settings, string culture) =>
        settings?.SupportedCultures.FirstOrDefault(c => string.Equals(c, culture, StringComparison.OrdinalIgnoreCase)) ?? culture;

    private static async ValueTask<LocalizationSettings?> SettingsAsync(IResolveFieldContext context) =>
        ContentReadContext.Of(context).SiteCultures is { } read ? await read(context.CancellationToken) : null;

    private static void Check(string argument, string culture)
    {
        if (CultureName.Problem(culture) is { } problem)
        {
            throw new ExecutionError($"{argument}: {problem}.") { Code = "ARGUMENT_INPUT_ERROR" };
        }
    }
}
