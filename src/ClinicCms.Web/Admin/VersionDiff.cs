using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Web.Admin;

/// <summary>Two versions side by side, value by value (the compared root values, then every part and field value by its path).</summary>
public static class VersionDiff
{
    public sealed record Row(string Path, string? Left, string? Right)
    {
        public bool Changed => Left != Right;
    }

    public static List<Row> Compare(ContentItem left, ContentItem right)
    {
        var a = Flatten(left);
        var b = Flatten(right);
        return a.Keys.Union(b.Keys).Order(StringComparer.Ordinal)
            .Select(k => new Row(k, a.GetValueOrDefault(k), b.GetValueOrDefault(k))).ToList();
    }

    private static Dictionary<string, string?> Flatten(ContentItem item)
    {
        var values = ContentItemRoot.Values.Where(v => v.Compared)
            .ToDictionary(v => v.Name, v => v.Get(item) is { } value ? Convert.ToString(value, CultureInfo.InvariantCulture) : null, StringComparer.Ordinal);
        Walk(item.Parts, "", values);
        return values;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string?> values)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj)
                {
                    Walk(value, path.Length == 0 ? key : $"{path}.{key}", values);
                }
                break;
            case JsonArray array when array.All(v => v is JsonValue):
                values[path] = string.Join(", ", array.Select(v => v is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : v?.ToJsonString()));
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", values);
                }
                break;
            case JsonValue value:
                values[path] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                break;
            default:
                values[path] = null;
                break;
        }
    }
}
