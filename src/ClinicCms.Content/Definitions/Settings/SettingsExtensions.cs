using System.Collections.Concurrent;
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

    private static readonly AsyncLocal<ConcurrentDictionary<(JsonObject, string, Type), object>?> Remembered = new();

    public static T GetSettings<T>(this JsonObject settings) where T : new() => settings.GetSettings<T>(typeof(T).Name);

    /// <summary>
    /// Reads the settings object stored under <paramref name="key"/> into <typeparamref name="T"/>. Inside
    /// <see cref="ReadOnce"/> the result is shared: treat it as read-only.
    /// </summary>
    public static T GetSettings<T>(this JsonObject settings, string key) where T : new()
    {
        if (Remembered.Value is not { } remembered)
        {
            return Read<T>(settings, key);
        }
        return (T)remembered.GetOrAdd((settings, key, typeof(T)), static k => Read<T>(k.Item1, k.Item2)!);
    }

    /// <summary>
    /// Until the result is disposed, each settings object is read once per key and type in this flow (and the tasks
    /// it starts): an import checks thousands of items against definitions that do not change meanwhile. Callers
    /// inside must not change definitions, nor the settings objects they read.
    /// </summary>
    public static IDisposable ReadOnce()
    {
        var outer = Remembered.Value;
        Remembered.Value ??= new(ReferenceKeys.Instance);
        return new Scope(outer, outer is null ? Remembered.Value : null);
    }

    private static T Read<T>(JsonObject settings, string key) where T : new()
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

    private sealed class Scope(ConcurrentDictionary<(JsonObject, string, Type), object>? outer, ConcurrentDictionary<(JsonObject, string, Type), object>? own) : IDisposable
    {
        public void Dispose()
        {
            Remembered.Value = outer;
            own?.Clear(); // a task started inside and still running reads anew from now on
        }
    }

    /// <summary>Settings objects compared by reference: two equal objects of different definitions stay apart.</summary>
    private sealed class ReferenceKeys : IEqualityComparer<(JsonObject Settings, string Key, Type Type)>
    {
        public static readonly ReferenceKeys Instance = new();

        public bool Equals((JsonObject Settings, string Key, Type Type) x, (JsonObject Settings, string Key, Type Type) y) =>
            ReferenceEquals(x.Settings, y.Settings) && x.Key == y.Key && x.Type == y.Type;

        public int GetHashCode((JsonObject Settings, string Key, Type Type) key) =>
            HashCode.Combine(System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(key.Settings), key.Key, key.Type);
    }
}
