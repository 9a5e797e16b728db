using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Recipes;

/// <summary>Reads a recipe file as Orchard does: comments and trailing commas allowed; malformed JSON reports line and column.</summary>
public static class RecipeReader
{
    private static readonly JsonDocumentOptions Options = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>
    /// The largest recipe file read. The JSON parser holds a whole file in one buffer, which it doubles as it fills: a
    /// buffer past 1 GiB overflows, so an endless file (<c>/dev/zero</c>, a pipe) or a huge one would otherwise end in
    /// an overflow, not a message.
    /// </summary>
    public const long MaxFileBytes = 1L << 29;

    public static RecipeDescriptor ReadFile(string path) => ReadFile(path, MaxFileBytes);

    public static RecipeDescriptor ReadFile(string path, long maxBytes)
    {
        var fileName = Path.GetFileName(path);
        if (!File.Exists(path))
        {
            throw new RecipeException([new RecipeError(fileName, null, null, "", $"no such recipe file: {path}")]);
        }
        using var stream = new CappedStream(File.OpenRead(path), maxBytes, fileName);
        return Read(stream, fileName, Path.GetDirectoryName(Path.GetFullPath(path))!);
    }

    public static RecipeDescriptor Read(Stream stream, string fileName, string basePath)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(stream, documentOptions: Options);
        }
        catch (JsonException e)
        {
            var line = (e.LineNumber ?? 0) + 1;
            var column = (e.BytePositionInLine ?? 0) + 1;
            var reason = e.Message.Split(" Path:", 2)[0].Split(" LineNumber:", 2)[0];
            throw new RecipeException([new RecipeError(fileName, null, null, "", $"malformed JSON at line {line}, column {column}: {reason}")]);
        }
        if (root is not JsonObject recipe)
        {
            throw new RecipeException([new RecipeError(fileName, null, null, "", "a recipe must be a JSON object with a \"steps\" array")]);
        }
        // One walk over the whole recipe: JsonObject finds a repeated property name only when it is first read.
        try
        {
            if (ClinicCms.Content.Validation.TextCheck.FindInvalid(recipe, "") is { } invalid)
            {
                throw new RecipeException([new RecipeError(fileName, null, null, invalid, ClinicCms.Content.Validation.TextCheck.Problem)]);
            }
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException)
        {
            throw new RecipeException([new RecipeError(fileName, null, null, "", "a property name appears twice in one object, or is not valid text (an unpaired surrogate)")]);
        }
        if (Property(recipe, "steps") is not JsonArray steps)
        {
            throw new RecipeException([new RecipeError(fileName, null, null, "steps", "required: an array of steps")]);
        }
        return new RecipeDescriptor
        {
            FileName = fileName,
            BasePath = basePath,
            Name = Text(recipe, "name"),
            DisplayName = Text(recipe, "displayName"),
            Description = Text(recipe, "description"),
            IsSetupRecipe = Property(recipe, "issetuprecipe") is JsonValue v && v.GetValueKind() == JsonValueKind.True,
            Variables = Property(recipe, "variables") as JsonObject ?? [],
            Steps = [.. steps],
        };
    }

    /// <summary>A property by name, ignoring case, as Orchard reads step payloads (Data and data alike).</summary>
    public static JsonNode? Property(JsonObject owner, string name)
    {
        foreach (var (key, value) in owner)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }
        return null;
    }

    public static string? Text(JsonObject owner, string name) =>
        Property(owner, name) is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
