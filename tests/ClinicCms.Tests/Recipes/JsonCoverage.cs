using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Recipes.Scripting;

namespace ClinicCms.Tests.Recipes;

/// <summary>
/// "Nothing of the expected JSON was lost": every value of <c>expected</c> is in <c>actual</c> (which may hold more).
/// A script value in a recipe stands for whatever it evaluated to; an empty or null path for a generated one.
/// </summary>
internal static class JsonCoverage
{
    public static string? Missing(JsonNode? expected, JsonNode? actual, string path = "$")
    {
        switch (expected)
        {
            case JsonValue v when v.GetValueKind() == JsonValueKind.String && ScriptEvaluator.IsScript(v.GetValue<string>(), out _, out _):
                return actual is null or JsonValue ? null : $"{path}: expected a script result, got {actual.ToJsonString()}";
            case null or JsonValue when path.EndsWith(".Path", StringComparison.Ordinal) && IsEmpty(expected):
                return null;
            case JsonObject o:
                if (actual is not JsonObject a)
                {
                    return $"{path}: expected an object, got {actual?.ToJsonString() ?? "nothing"}";
                }
                foreach (var (key, value) in o)
                {
                    if (!a.ContainsKey(key) && value is not null)
                    {
                        return $"{path}.{key}: missing";
                    }
                    if (Missing(value, a[key], $"{path}.{key}") is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case JsonArray e:
                if (actual is not JsonArray list || list.Count != e.Count)
                {
                    return $"{path}: expected {e.Count} elements, got {actual?.ToJsonString() ?? "nothing"}";
                }
                for (var i = 0; i < e.Count; i++)
                {
                    if (Missing(e[i], list[i], $"{path}[{i}]") is { } problem)
                    {
                        return problem;
                    }
                }
                return null;
            case null:
                // "Settings": null is stored as no settings.
                return actual is null || actual.GetValueKind() == JsonValueKind.Null || actual is JsonObject { Count: 0 } ? null : $"{path}: expected null, got {actual.ToJsonString()}";
            default:
                return JsonNode.DeepEquals(Normalize(expected), Normalize(actual)) ? null : $"{path}: expected {expected.ToJsonString()}, got {actual?.ToJsonString() ?? "nothing"}";
        }
    }

    private static bool IsEmpty(JsonNode? node) => node is null || (node is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length == 0);

    // 1 and 1.0 are the same number.
    private static JsonNode? Normalize(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? JsonValue.Create(decimal.Parse(v.ToJsonString(), System.Globalization.CultureInfo.InvariantCulture)) : node;
}
