using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ClinicCms.Content.Definitions;

/// <summary>Reads a typed settings object (keyed by its class name, as in Orchard) out of a definition's Settings.</summary>
public static class SettingsExtensions
{
    internal static readonly JsonSerializerOptions Options = new()
    {
        PropertyNameCaseInsensitive = true,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new JsonStringEnumConverter() },
    };

    public static T GetSettings<T>(this JsonObject settings) where T : new() => settings.GetSettings<T>(typeof(T).Name);

    /// <summary>Reads the settings object stored under <paramref name="key"/> into <typeparamref name="T"/>.</summary>
    public static T GetSettings<T>(this JsonObject settings, string key) where T : new()
    {
        if (settings[key] is not JsonObject node)
        {
            return new T();
        }
        try
        {
            return node.Deserialize<T>(Options) ?? new T();
        }
        catch (JsonException)
        {
            // Settings written by another Orchard version may not fit our class; its defaults stand in.
            return new T();
        }
    }

    /// <summary>Merges <paramref name="source"/> into <paramref name="target"/>: objects merge, everything else is replaced.</summary>
    public static void Merge(this JsonObject target, JsonObject? source)
    {
        if (source is null)
        {
            return; // "Settings": null in a recipe means no settings
        }
        foreach (var (key, value) in source)
        {
            if (value is JsonObject sourceObject && target[key] is JsonObject targetObject)
            {
                targetObject.Merge(sourceObject);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }
}
