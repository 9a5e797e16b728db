using System.Text;
using System.Text.Json;

namespace ClinicCms.GraphQL.Schema;

/// <summary>
/// Every GraphQL name ClinicCms derives from a definition, worked out in one place. Field names follow Orchard's
/// rule (drop a trailing "Part", then camel-case) with System.Text.Json's camel-casing, so FAQ becomes faq.
/// </summary>
public static class GraphQLNames
{
    public static string FieldName(string name)
    {
        var trimmed = name.Length > 4 && name.EndsWith("Part", StringComparison.Ordinal) ? name[..^4] : name;
        return Valid(JsonNamingPolicy.CamelCase.ConvertName(trimmed));
    }

    /// <summary>A valid GraphQL name: letters, digits and underscores, not starting with a digit.</summary>
    public static string Valid(string name)
    {
        var builder = new StringBuilder(name.Length + 1);
        foreach (var c in name)
        {
            builder.Append(char.IsAsciiLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (builder.Length == 0 || char.IsAsciiDigit(builder[0]))
        {
            builder.Insert(0, '_');
        }
        return builder.ToString();
    }
}
