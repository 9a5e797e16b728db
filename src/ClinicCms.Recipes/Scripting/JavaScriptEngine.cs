using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using Jint;
using Jint.Runtime;

namespace ClinicCms.Recipes.Scripting;

/// <summary>The <c>js</c> engine (Jint) with Orchard's recipe functions: uuid, base64, html, gzip, variables, parameters, configuration.</summary>
internal sealed partial class JavaScriptEngine : IDisposable
{
    // Enough for any recipe value (a script builds strings, not data sets); past it the script ends, not the server.
    internal const long MemoryLimitBytes = 32 * 1024 * 1024;

    // Words in configuration keys that hold secrets; a recipe's output is content that anyone may read.
    private static readonly string[] SecretWords = ["password", "passwd", "pwd", "secret", "token", "connectionstring", "credential"];

    private readonly Engine _engine;
    private readonly RecipeScriptContext _context;
    private readonly Dictionary<string, string> _evaluatedVariables = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = [];

    public JavaScriptEngine(RecipeScriptContext context)
    {
        _context = context;
        _engine = new Engine(o => o.LimitRecursion(64).TimeoutInterval(TimeSpan.FromSeconds(5)).MaxStatements(100_000).LimitMemory(MemoryLimitBytes).Strict(false));
        _engine.SetValue("uuid", new Func<string>(IdGenerator.NewId));
        _engine.SetValue("base64", new Func<string, string>(s => Encoding.UTF8.GetString(Convert.FromBase64String(s))));
        _engine.SetValue("html", new Func<string, string>(s => WebUtility.HtmlDecode(s)));
        _engine.SetValue("gzip", new Func<string, string>(Gunzip));
        _engine.SetValue("variables", new Func<string, string>(Variable));
        _engine.SetValue("parameters", new Func<string, string>(name => context.Parameters.GetValueOrDefault(name) ?? ""));
        _engine.SetValue("configuration", new Func<string, string?, string?>((key, fallback) => Configuration(key) ?? fallback));
        // One site, no tenant prefix: a URL prefix is the path itself.
        _engine.SetValue("getUrlPrefix", new Func<string, string>(path => "/" + path.TrimStart('/')));
        // Orchard's Workflows module makes tokens for HTTP-triggered workflows; ClinicCms has no workflows, so the
        // token is empty and the run's report says so.
        _engine.SetValue("createWorkflowToken", new Func<string, string, string>((_, _) =>
        {
            context.Warnings.Add("createWorkflowToken(): workflows are not part of ClinicCms, so the value is empty");
            return "";
        }));
    }

    public string Evaluate(string script)
    {
        try
        {
            var result = _engine.Evaluate(script);
            return result.IsNull() || result.IsUndefined() ? "" : Convert.ToString(result.ToString(), CultureInfo.InvariantCulture) ?? "";
        }
        catch (JavaScriptException e)
        {
            throw new ScriptException($"script error in '{script.Trim()}': {e.Error}");
        }
        catch (ScriptException)
        {
            throw;
        }
        catch (MemoryLimitExceededException)
        {
            throw new ScriptException($"script error in '{script.Trim()}': it used more than {MemoryLimitBytes / (1024 * 1024)} MB of memory");
        }
        catch (Exception e)
        {
            // Jint's parse, limit and runtime errors, and bad base64 or gzip input, all end the script the same way.
            throw new ScriptException($"script error in '{script.Trim()}': {e.Message}");
        }
    }

    private string? Configuration(string key)
    {
        if (SecretIn(key) is { } word)
        {
            throw new ScriptException($"configuration('{key}') is refused: a key naming a {word} may hold a secret, which a recipe must not copy into content");
        }
        var value = _context.Configuration(key);
        // A key named for something else may still carry one, as a Redis or database configuration string does.
        if (value is not null && (SecretWords.Any(w => value.Contains(w + "=", StringComparison.OrdinalIgnoreCase)) || UrlWithPassword().IsMatch(value)))
        {
            throw new ScriptException($"configuration('{key}') is refused: its value holds a password or other secret, which a recipe must not copy into content");
        }
        return value;
    }

    // A segment naming a password, secret, token, connection string or credential, or a kind of key (ApiKey,
    // SigningKey, AccessKeys); a segment that is only "Key" is a name, as in a list of settings.
    private static string? SecretIn(string key)
    {
        foreach (var part in key.Split([":", "__"], StringSplitOptions.RemoveEmptyEntries))
        {
            var segment = new string([.. part.Where(char.IsLetterOrDigit)]).ToLowerInvariant();
            if (SecretWords.FirstOrDefault(w => segment.Contains(w, StringComparison.Ordinal)) is { } word)
            {
                return word;
            }
            if (segment is not ("key" or "keys") && (segment.EndsWith("key", StringComparison.Ordinal) || segment.EndsWith("keys", StringComparison.Ordinal)))
            {
                return "key";
            }
        }
        return null;
    }

    // postgres://user:password@host and the like.
    [System.Text.RegularExpressions.GeneratedRegex(@"://[^/@\s]*:[^/@\s]*@")]
    private static partial System.Text.RegularExpressions.Regex UrlWithPassword();

    // Variables are evaluated on first use and the result kept, so "[js: uuid()]" gives one id for the whole recipe.
    private string Variable(string name)
    {
        if (_evaluatedVariables.TryGetValue(name, out var known))
        {
            return known;
        }
        if (!_context.Variables.TryGetPropertyValue(name, out var node))
        {
            throw new ScriptException($"the recipe has no variable '{name}'");
        }
        if (!_evaluating.Add(name))
        {
            throw new ScriptException($"the variable '{name}' refers to itself");
        }
        var raw = node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : node?.ToJsonString() ?? "";
        var value = ScriptEvaluator.IsScript(raw, out _, out _) ? EvaluateNested(raw) : raw;
        _evaluating.Remove(name);
        _evaluatedVariables[name] = value;
        return value;
    }

    private string EvaluateNested(string raw)
    {
        ScriptEvaluator.IsScript(raw, out var engine, out var script);
        var value = engine.Equals("js", StringComparison.OrdinalIgnoreCase) ? Evaluate(script) : FileFunctions.Evaluate(script, _context.BasePath);
        return ScriptEvaluator.IsScript(value, out _, out _) ? EvaluateNested(value) : value;
    }

    public void Dispose() => _engine.Dispose();

    private static string Gunzip(string base64)
    {
        using var input = new MemoryStream(Convert.FromBase64String(base64));
        using var gzip = new GZipStream(input, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
