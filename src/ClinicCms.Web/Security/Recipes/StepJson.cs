using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Recipes;
using ClinicCms.Recipes.Steps;

namespace ClinicCms.Web.Security.Recipes;

/// <summary>Reads step values without regard to case (Orchard's steps write clientId as well as ClientId), noting wrong kinds as errors.</summary>
internal static class StepJson
{
    public static string? Text(RecipeStepContext step, JsonObject owner, string name, string path)
    {
        var node = RecipeReader.Property(owner, name);
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return null;
        }
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            return value.GetValue<string>();
        }
        step.Error($"{path}{name}", "expected a string");
        return null;
    }

    public static bool Flag(RecipeStepContext step, JsonObject owner, string name, string path)
    {
        var node = RecipeReader.Property(owner, name);
        if (node is null || node.GetValueKind() == JsonValueKind.Null)
        {
            return false;
        }
        if (node.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
        {
            return node.GetValue<bool>();
        }
        step.Error($"{path}{name}", "expected true or false");
        return false;
    }

    /// <summary>Orchard's entry lists ([{ "Name": "x" }]), or plain strings.</summary>
    public static List<string> Names(RecipeStepContext step, JsonObject owner, string name, string path)
    {
        var names = new List<string>();
        if (RecipeReader.Property(owner, name) is not JsonArray array)
        {
            return names;
        }
        for (var i = 0; i < array.Count; i++)
        {
            var entry = array[i] switch
            {
                JsonObject o => RecipeReader.Text(o, "Name"),
                JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
                _ => null,
            };
            if (string.IsNullOrWhiteSpace(entry))
            {
                step.Error($"{path}{name}[{i}]", "expected a name");
                continue;
            }
            names.Add(entry);
        }
        return names;
    }

    /// <summary>Space-separated absolute URIs, as Orchard writes RedirectUris.</summary>
    public static List<Uri> Uris(RecipeStepContext step, JsonObject owner, string name, string path)
    {
        var uris = new List<Uri>();
        foreach (var text in (Text(step, owner, name, path) ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri))
            {
                uris.Add(uri);
            }
            else
            {
                step.Error($"{path}{name}", $"'{text}' is not an absolute URI");
            }
        }
        return uris;
    }
}
