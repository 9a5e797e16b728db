using System.Text;
using ClinicCms.Recipes;
using ClinicCms.Recipes.Scripting;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Media;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Recipes;

/// <summary>A recipe reads only files in its own folder and no secrets from configuration; its scripts are bounded in memory.</summary>
public sealed class RecipeFolderTests
{
    [Fact]
    public void File_functions_refuse_paths_that_leave_the_recipes_folder()
    {
        using var folder = new TempFolder();
        var recipes = Directory.CreateDirectory(folder.File("recipes")).FullName;
        Directory.CreateDirectory(Path.Combine(recipes, "articles"));
        File.WriteAllText(Path.Combine(recipes, "articles", "welcome.md"), "Welcome");
        File.WriteAllText(folder.File("signing.pem"), "PRIVATE KEY");
        File.CreateSymbolicLink(Path.Combine(recipes, "key.pem"), folder.File("signing.pem"));
        Directory.CreateSymbolicLink(Path.Combine(recipes, "data"), folder.Path);
        using var scripts = new ScriptEvaluator(new RecipeScriptContext([], new Dictionary<string, string>(), _ => null, recipes));

        Assert.Equal("Welcome", scripts.Evaluate("[file:text('articles/welcome.md')]"));
        Assert.Equal("Welcome", scripts.Evaluate("[file:text('articles/../articles/welcome.md')]"));
        foreach (var path in new[] { "../signing.pem", folder.File("signing.pem"), "key.pem", "data/signing.pem" })
        {
            var text = Assert.Throws<ScriptException>(() => scripts.Evaluate($"[file:text('{path}')]"));
            var base64 = Assert.Throws<ScriptException>(() => scripts.Evaluate($"[file:base64('{path}')]"));
            Assert.Contains($"'{path}'", text.Message, StringComparison.Ordinal);
            Assert.Contains("recipe's folder", text.Message, StringComparison.Ordinal);
            Assert.Equal(text.Message, base64.Message);
        }

        // An uploaded recipe has no folder: it reads nothing, not even a file beside the server's working folder.
        using var uploaded = new ScriptEvaluator(new RecipeScriptContext([], new Dictionary<string, string>(), _ => null, ""));
        var none = Assert.Throws<ScriptException>(() => uploaded.Evaluate("[file:text('articles/welcome.md')]"));
        Assert.Contains("no folder", none.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Configuration_refuses_keys_that_name_secrets_and_values_that_hold_them()
    {
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Default"] = "Host=db;Password=x",
            ["ClinicCms:Smtp:Password"] = "x",
            ["ClinicCms:OpenId:ClientSecret"] = "x",
            ["ClinicCms:Api:AccessToken"] = "x",
            ["ClinicCms:Security:SigningKey"] = "x",
            ["ClinicCms:Redis:Configuration"] = "redis.internal:6379,password=x",
            ["DATABASE_URL"] = "postgres://clinic:x@db/clinic",
            ["OrchardCore_Admin:AdminUrlPrefix"] = "Admin",
        };
        using var scripts = new ScriptEvaluator(new RecipeScriptContext([], new Dictionary<string, string>(), settings.GetValueOrDefault, Path.GetTempPath()));

        foreach (var key in settings.Keys.SkipLast(1).Append("CLINICCMS__SECURITY__API_KEY"))
        {
            var error = Assert.Throws<ScriptException>(() => scripts.Evaluate($"[js: configuration('{key}', 'fallback')]"));
            Assert.Contains($"configuration('{key}') is refused", error.Message, StringComparison.Ordinal);
        }
        Assert.Equal("Admin", scripts.Evaluate("[js: configuration('OrchardCore_Admin:AdminUrlPrefix', 'x')]"));
    }

    [Fact]
    public void A_script_that_allocates_too_much_memory_is_stopped()
    {
        using var scripts = new ScriptEvaluator(new RecipeScriptContext([], new Dictionary<string, string>(), _ => null, Path.GetTempPath()));

        var error = Assert.Throws<ScriptException>(() => scripts.Evaluate("[js: (function () { var s = 'x'.repeat(50000000); return s.length; })()]"));

        Assert.Contains("memory", error.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task The_media_step_refuses_sources_outside_the_recipes_folder_and_writes_nothing()
    {
        await using var app = new ClinicCmsApp(environment: "Production");
        _ = app.Services;
        var recipes = Directory.CreateDirectory(Path.Combine(app.Data.Path, "recipes")).FullName;
        var signingKey = Directory.GetFiles(app.Data.Path, "*.pem", SearchOption.AllDirectories).First();
        var fromRecipes = Path.GetRelativePath(recipes, signingKey);
        File.CreateSymbolicLink(Path.Combine(recipes, "logo.png"), signingKey);
        var recipe = Path.Combine(recipes, "leak.recipe.json");
        await File.WriteAllTextAsync(recipe, $$"""
            { "steps": [ { "name": "media", "Files": [
                { "TargetPath": "ok.png", "Base64": "iVBORw0KGgo=" },
                { "TargetPath": "a.png", "SourcePath": "{{fromRecipes}}" },
                { "TargetPath": "b.png", "SourcePath": "{{signingKey}}" },
                { "TargetPath": "c.png", "SourcePath": "logo.png" } ] } ] }
            """, Encoding.UTF8);

        var error = await Assert.ThrowsAsync<RecipeException>(() => app.RunRecipeAsync(recipe));

        var messages = error.Errors.Select(e => e.ToString()).ToList();
        Assert.Equal(3, messages.Count);
        Assert.Contains(messages, m => m.Contains($"Files[1].SourcePath: '{fromRecipes}' is outside the recipe's folder", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains($"Files[2].SourcePath: '{signingKey}' is an absolute path", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Files[3].SourcePath: 'logo.png' passes through a symbolic link", StringComparison.Ordinal));
        Assert.Empty(app.Services.GetRequiredService<MediaStore>().AllFiles());
    }
}
