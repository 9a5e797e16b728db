using ClinicCms.Content.Localization;
using GraphQL;

namespace ClinicCms.GraphQL.Queries;

/// <summary>
/// Culture names in arguments and where filters: an unknown culture is a filter that matches nothing, but a name that
/// is not a culture name at all is the caller's mistake, answered with an error that names it.
/// </summary>
internal static class CultureArguments
{
    /// <summary>The culture argument <paramref name="name"/>, checked; null when not given.</summary>
    public static string? Read(IResolveFieldContext context, string name)
    {
        var culture = context.GetArgument<string?>(name);
        if (culture is not null)
        {
            Check(name, culture);
        }
        return culture;
    }

    /// <summary>Checks every culture a where tree compares with.</summary>
    public static void CheckWhere(ContentFilter? filter)
    {
        switch (filter)
        {
            case AllOf all:
                all.Filters.ToList().ForEach(CheckWhere);
                break;
            case AnyOf any:
                any.Filters.ToList().ForEach(CheckWhere);
                break;
            case Not not:
                CheckWhere(not.Filter);
                break;
            case Comparison { Target: ColumnTarget { Column: "Culture" }, Value: var value }:
                foreach (var culture in value is string one ? [one] : (value as System.Collections.IEnumerable)?.Cast<object?>() ?? [])
                {
                    if (culture is not null)
                    {
                        Check("localizationPart.culture", culture as string ?? culture.ToString()!);
                    }
                }
                break;
        }
    }

    private static void Check(string argument, string culture)
    {
        if (CultureName.Problem(culture) is { } problem)
        {
            throw new ExecutionError($"{argument}: {problem}.") { Code = "ARGUMENT_INPUT_ERROR" };
        }
    }
}
