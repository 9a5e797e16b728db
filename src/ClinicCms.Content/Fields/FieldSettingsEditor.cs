using System.Text.Json.Nodes;

namespace ClinicCms.Content.Fields;

/// <summary>
/// One part of the field settings page that a kind brings, beyond the display name, hint and required every field
/// has, without ASP.NET types: the Razor partial (<c>Pages/Admin/Types/Settings/_{Partial}.cshtml</c>) and the
/// current value of each of its inputs, by input name. What the inputs post comes back as <see cref="PostedValues"/>.
/// </summary>
public sealed record FieldSettingsEditor(string Partial, IReadOnlyDictionary<string, IReadOnlyList<string>> Values)
{
    /// <summary>The input's value; null when it has none.</summary>
    public string? Value(string input) => Values.TryGetValue(input, out var values) && values.Count > 0 ? values[0] : null;

    /// <summary>Whether the checkbox named <paramref name="input"/> is checked.</summary>
    public bool Checked(string input) => Value(input) == "true";

    /// <summary>Every value of the input (a group of checkboxes).</summary>
    public IReadOnlyList<string> All(string input) => Values.GetValueOrDefault(input) ?? [];

    /// <summary>Orchard's list of choices (<c>[{ "name": "Label", "value": "value" }]</c>) as lines of "Label|value".</summary>
    public static string ChoiceLines(JsonNode? options) =>
        string.Join('\n', (options as JsonArray ?? []).Select(o => $"{o?["name"]?.GetValue<string>()}|{o?["value"]?.GetValue<string>()}"));

    /// <summary>Lines of "Label|value" (or just "value") as Orchard's list of choices.</summary>
    public static JsonArray Choices(string lines) =>
        new([.. lines.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split('|', 2)).Select(p => (JsonNode)new JsonObject { ["name"] = p[0], ["value"] = p.Length > 1 ? p[1] : p[0] })]);
}
