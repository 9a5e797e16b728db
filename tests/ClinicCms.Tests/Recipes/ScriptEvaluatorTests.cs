using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Recipes.Scripting;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Recipes;

/// <summary>Orchard's script detection rule and recipe functions, without a host.</summary>
public sealed class ScriptEvaluatorTests
{
    [Theory]
    [InlineData("[js: uuid()]", true)]
    [InlineData("[file:text('a.html')]", true)]
    [InlineData("[locale en]Hi: there[/locale]", false)]
    [InlineData("[sc text='a : b'/]", false)]
    [InlineData("plain text", false)]
    [InlineData("[js2: x]", false)]
    public void A_string_is_a_script_only_by_orchards_rule(string value, bool isScript) =>
        Assert.Equal(isScript, ScriptEvaluator.IsScript(value, out _, out _));

    [Fact]
    public void Variables_are_evaluated_once_and_reused()
    {
        using var scripts = Evaluator(new JsonObject { ["id"] = "[js: uuid()]", ["path"] = "[js: variables('id') + '/x']" });

        var first = scripts.Evaluate("[js: variables('id')]");
        var second = scripts.Evaluate("[js: variables('id')]");

        Assert.Equal(26, first.Length);
        Assert.Equal(first, second);
        Assert.Equal(first + "/x", scripts.Evaluate("[js: variables('path')]"));
    }

    [Fact]
    public void Orchards_helper_functions_work()
    {
        using var scripts = Evaluator([]);
        var gzipped = Gzip("packed text");

        Assert.Equal("hello", scripts.Evaluate("[js: base64('aGVsbG8=')]"));
        Assert.Equal("<b>&", scripts.Evaluate("[js: html('&lt;b&gt;&amp;')]"));
        Assert.Equal("packed text", scripts.Evaluate($"[js: gzip('{gzipped}')]"));
        Assert.Equal("Clinic", scripts.Evaluate("[js: parameters('SiteName')]"));
        Assert.Equal("Admin", scripts.Evaluate("[js: configuration('Missing:Key', 'Admin')]"));
        Assert.Equal("configured", scripts.Evaluate("[js: configuration('Some:Key', 'fallback')]"));
        Assert.Equal("", scripts.Evaluate("[js: null]"));
    }

    [Fact]
    public void File_text_reads_next_to_the_recipe_and_a_missing_file_is_an_error()
    {
        using var folder = new TempFolder();
        File.WriteAllText(folder.File("snippet.html"), "<p>snippet</p>");
        using var scripts = new ScriptEvaluator(new RecipeScriptContext([], new Dictionary<string, string>(), _ => null, folder.Path));

        Assert.Equal("<p>snippet</p>", scripts.Evaluate("[file:text('snippet.html')]"));
        var error = Assert.Throws<ScriptException>(() => scripts.Evaluate("[file:text('missing.html')]"));
        Assert.Contains("missing.html", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Evaluating_a_step_replaces_scripts_in_place_and_reports_paths()
    {
        using var scripts = Evaluator([]);
        var step = JsonNode.Parse("""{ "data": [ { "Id": "[js: 'a' + 'b']", "Bad": "[js: (]", "Keep": "[locale en]x: y" } ] }""")!;
        var errors = new List<(string Path, string Message)>();

        scripts.EvaluateAll(step, "", errors);

        Assert.Equal("ab", step["data"]![0]!["Id"]!.GetValue<string>());
        Assert.Equal("[locale en]x: y", step["data"]![0]!["Keep"]!.GetValue<string>());
        Assert.Equal("data[0].Bad", Assert.Single(errors).Path);
    }

    private static ScriptEvaluator Evaluator(JsonObject variables) => new(new RecipeScriptContext(
        variables,
        new Dictionary<string, string> { ["SiteName"] = "Clinic" },
        key => key == "Some:Key" ? "configured" : null,
        Path.GetTempPath()));

    private static string Gzip(string text)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal))
        {
            gzip.Write(Encoding.UTF8.GetBytes(text));
        }
        return Convert.ToBase64String(output.ToArray());
    }
}
