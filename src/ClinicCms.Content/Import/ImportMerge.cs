using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;

namespace ClinicCms.Content.Import;

/// <summary>How an imported version with a known version id is merged into the stored one.</summary>
public static class ImportMerge
{
    /// <summary>The stored version with the imported JSON merged in (objects merge, arrays replace), flags as imported.</summary>
    public static ContentItem Merge(ContentItem stored, ContentItem imported)
    {
        var json = ContentItemJson.ToJson(stored);
        json.Merge(WithoutUnsetRootValues(ContentItemJson.ToJson(imported)));
        var merged = ContentItemJson.FromJson(json);
        merged.ConcurrencyStamp = stored.ConcurrencyStamp;
        return merged;
    }

    // Root values absent from a recipe are written as null by ToJson, and an empty Owner or Author means
    // "the importing user" (Orchard): neither may erase what is stored.
    private static JsonObject WithoutUnsetRootValues(JsonObject json)
    {
        var result = new JsonObject();
        foreach (var (key, value) in json)
        {
            var unset = ContentItemJson.IsRootKey(key) && (value is null || (key is "Owner" or "Author" && value.GetValue<string>().Length == 0));
            if (!unset)
            {
                result[key] = value?.DeepClone();
            }
        }
        return result;
    }
}
