using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Recipes.Scripting;

/// <summary>
/// Replaces script values in a step, with Orchard's rule: a string is a script when it starts with '[', ends
/// with ']', has a ':' and only letters between '[' and the first ':'. The prefix picks the engine (js, file);
/// a result that is itself a script is evaluated again. Other strings are left as they are.
/// </summary>
public sealed class ScriptEvaluator(RecipeScriptContext context) : IDisposable
{
    private const int MaxRounds = 10;
    private readonly JavaScriptEngine _js = new(context);

    public static bool IsScript(string value, out string engine, out string script)
    {
        engine = script = "";
        if (value.Length < 3 || value[0] != '[' || value[^1] != ']')
        {
            return false;
        }
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 2 || !value.AsSpan(1, colon - 1).ToString().All(char.IsLetter))
        {
            return false;
        }
        engine = value[1..colon];
        script = value[(colon + 1)..^1];
        return true;
    }

    /// <summary>Evaluates every script string under <paramref name="node"/> in place; errors carry the JSON path.</summary>
    public void EvaluateAll(JsonNode? node, string path, List<(string Path, string Message)> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    var child = obj[key];
                    var childPath = path.Length == 0 ? key : $"{path}.{key}";
                    if (TryReplace(child, childPath, errors, out var replaced))
                    {
                        obj[key] = replaced;
                    }
                    else
                    {
                        EvaluateAll(child, childPath, errors);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (TryReplace(array[i], $"{path}[{i}]", errors, out var replaced))
                    {
                        array[i] = replaced;
                    }
                    else
                    {
                        EvaluateAll(array[i], $"{path}[{i}]", errors);
                    }
                }
                break;
        }
    }

    /// <summary>Evaluates one value if it is a script; the result is always a string, as in Orchard.</summary>
    public string Evaluate(string value)
    {
        for (var round = 0; round < MaxRounds && IsScript(value, out var engine, out var script); round++)
        {
            value = engine.ToUpperInvariant() switch
            {
                "JS" => _js.Evaluate(script),
                "FILE" => FileFunctions.Evaluate(script, context.BasePath),
                _ => throw new ScriptException($"unknown script engine '{engine}' (ClinicCms runs js and file)"),
            };
        }
        return value;
    }

    public void Dispose() => _js.Dispose();

    private bool TryReplace(JsonNode? node, string path, List<(string, string)> errors, out JsonNode? replaced)
    {
        replaced = null;
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String || !IsScript(value.GetValue<string>(), out _, out _))
        {
            return false;
        }
        try
        {
            replaced = JsonValue.Create(Evaluate(value.GetValue<string>()));
        }
        catch (ScriptException e)
        {
            errors.Add((path, e.Message));
            replaced = value.DeepClone();
        }
        return true;
    }
}
