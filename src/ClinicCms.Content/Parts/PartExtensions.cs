using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;

namespace ClinicCms.Content.Parts;

/// <summary>Typed reads and writes of an item's parts, by the part's name on the type (Orchard's Get and Apply).</summary>
public static class PartExtensions
{
    /// <summary>The part named <paramref name="partName"/> as <typeparamref name="T"/>; empty when the item has none.</summary>
    public static T Get<T>(this ContentItem item, string partName) where T : IContentPart, new() => Read<T>(item.Part(partName));

    /// <summary>Reads a part's JSON as <typeparamref name="T"/>.</summary>
    public static T Read<T>(JsonObject? json) where T : IContentPart, new()
    {
        var part = new T();
        part.ReadFrom(json);
        return part;
    }

    /// <summary>Writes <paramref name="part"/>'s properties into the named part, creating it if needed; other properties stay.</summary>
    public static void Apply<T>(this ContentItem item, string partName, T part) where T : IContentPart =>
        part.WriteTo(item.GetOrCreatePart(partName));
}
