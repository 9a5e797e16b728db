using System.Text.Json.Nodes;

namespace ClinicCms.Content.Localization;

/// <summary>
/// The site's cultures, as Orchard's Settings step writes them: <c>"LocalizationSettings": { "DefaultCulture": "en-US",
/// "SupportedCultures": ["en-US", "es-US"] }</c>. The default culture is always one of the supported ones.
/// </summary>
public sealed record LocalizationSettings(string DefaultCulture, IReadOnlyList<string> SupportedCultures)
{
    public const string Key = nameof(LocalizationSettings);

    public bool Supports(string culture) => SupportedCultures.Contains(culture, StringComparer.Ordinal);

    /// <summary>The settings in a site settings document; null when it has none (then any culture name is accepted).</summary>
    public static LocalizationSettings? From(JsonObject? settings)
    {
        if (settings?[Key] is not JsonObject json)
        {
            return null;
        }
        var supported = (json["SupportedCultures"] as JsonArray ?? [])
            .Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null)
            .OfType<string>()
            .Where(CultureName.IsValid)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var defaultCulture = json["DefaultCulture"] is JsonValue d && d.TryGetValue<string>(out var text) && CultureName.IsValid(text) ? text : supported.FirstOrDefault();
        if (defaultCulture is null)
        {
            return null;
        }
        if (!supported.Contains(defaultCulture, StringComparer.Ordinal))
        {
            supported.Insert(0, defaultCulture);
        }
        return new LocalizationSettings(defaultCulture, supported);
    }

    /// <summary>What is wrong with a Settings step's LocalizationSettings, as (JSON path, message); empty when nothing.</summary>
    public static List<(string Path, string Message)> Problems(JsonNode? json)
    {
        var problems = new List<(string, string)>();
        if (json is null)
        {
            return problems;
        }
        if (json is not JsonObject settings)
        {
            problems.Add((Key, "expected an object with DefaultCulture and SupportedCultures"));
            return problems;
        }
        if (settings["SupportedCultures"] is { } supported)
        {
            if (supported is not JsonArray list)
            {
                problems.Add(($"{Key}.SupportedCultures", "expected an array of culture names"));
            }
            else
            {
                for (var i = 0; i < list.Count; i++)
                {
                    var name = list[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
                    if (CultureName.Problem(name) is { } problem)
                    {
                        problems.Add(($"{Key}.SupportedCultures[{i}]", problem));
                    }
                }
            }
        }
        if (settings["DefaultCulture"] is { } defaultCulture)
        {
            var name = defaultCulture is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
            if (CultureName.Problem(name) is { } problem)
            {
                problems.Add(($"{Key}.DefaultCulture", problem));
            }
        }
        return problems;
    }
}
