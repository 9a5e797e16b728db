using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.CommandLine;

/// <summary>The recipe command line, run as its own process on the built app, as a developer runs it.</summary>
public sealed class RecipeCommandTests(RecipeCommandTests.ClinicFolder clinic) : IClassFixture<RecipeCommandTests.ClinicFolder>
{
    /// <summary>
    /// An empty data folder set up by <c>recipe run</c> of the clinic recipe and exported by <c>recipe export</c>,
    /// once for the class (each process start costs seconds). Tests read it, or change a copy of their own; a copy's
    /// rows are compared in the file rather than through another export process.
    /// </summary>
    public sealed class ClinicFolder : IAsyncLifetime
    {
        public TempFolder Work { get; } = new();

        public string Data => Path.Combine(Work.Path, "source");

        public (int ExitCode, string Output, string Error) Setup { get; private set; }

        /// <summary>The export of the set-up folder, <see cref="ExportFile"/> in <see cref="Work"/>.</summary>
        public (int ExitCode, string Output, string Error) Export { get; private set; }

        public const string ExportFile = "site.recipe.json";

        public async ValueTask InitializeAsync()
        {
            Setup = await RunAsync(Data, Work.Path, "recipe", "run", RepositoryFiles.ClinicRecipe);
            if (Setup.ExitCode == 0)
            {
                Export = await RunAsync(Data, Work.Path, "recipe", "export", ExportFile);
            }
        }

        /// <summary>The steps of <see cref="ExportFile"/>, as text.</summary>
        public async Task<string> ExportedStepsAsync() =>
            JsonNode.Parse(await File.ReadAllTextAsync(Work.File(ExportFile)))!["steps"]!.ToJsonString();

        public void CopyTo(string target) => TempFolder.CopyFiles(Data, target);

        public ValueTask DisposeAsync()
        {
            Work.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public async Task Run_sets_up_an_empty_data_folder_and_export_then_run_reproduces_the_site()
    {
        using var work = new TempFolder();
        var source = clinic.Data;
        var target = Path.Combine(work.Path, "target");

        var setup = clinic.Setup;
        var export = clinic.Export;
        // The export is read where it was written, beside anything it refers to.
        var import = await RunAsync(target, clinic.Work.Path, "recipe", "run", ClinicFolder.ExportFile);
        var reexport = await RunAsync(target, work.Path, "recipe", "export", "copy.recipe.json");

        Assert.True(setup.ExitCode == 0, setup.Error);
        Assert.Contains("content items: 9 created, 0 updated, 0 unchanged", setup.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(source, "Sites", "Default", "clinic.db")));
        Assert.Equal(0, export.ExitCode);
        Assert.Equal(0, import.ExitCode);
        Assert.Equal(0, reexport.ExitCode);
        var first = await clinic.ExportedStepsAsync();
        var second = JsonNode.Parse(await File.ReadAllTextAsync(work.File("copy.recipe.json")))!["steps"]!.ToJsonString();
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task A_bad_recipe_exits_non_zero_with_the_error_on_stderr_and_changes_nothing()
    {
        using var work = new TempFolder();
        var data = Path.Combine(work.Path, "data");
        clinic.CopyTo(data);
        var database = Path.Combine(data, "Sites", "Default", "clinic.db");
        await File.WriteAllTextAsync(work.File("bad.recipe.json"), """
            { "steps": [ { "name": "settings", "SiteName": "Renamed" },
                         { "name": "content", "data": [ { "ContentItemId": "x", "ContentType": "FAQ", "FAQ": { "Order": { "Value": "third" } } } ] } ] }
            """);
        var before = await SqliteRows.ReadAsync(database);

        var result = await RunAsync(data, work.Path, "recipe", "run", "bad.recipe.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("bad.recipe.json: steps[1] (content) data[0].FAQ.Order: expected a number, got \"third\"", result.Error, StringComparison.Ordinal);
        Assert.True(File.Exists(database));
        Assert.Equal(before, await SqliteRows.ReadAsync(database));
    }

    [Fact]
    public async Task Wrong_arguments_print_the_usage()
    {
        using var work = new TempFolder();

        var result = await RunAsync(work.Path, work.Path, "recipe", "publish", "x.json");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("usage: recipe run FILE", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Export_of_a_data_folder_with_no_site_is_an_error_and_writes_no_file()
    {
        using var work = new TempFolder();
        var data = work.File("empty-data");

        var result = await RunAsync(data, work.Path, "recipe", "export", "nothing.recipe.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("there is no site in the data folder", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(work.File("nothing.recipe.json")));
    }

    private static Task<(int ExitCode, string Output, string Error)> RunAsync(string dataPath, string workingDirectory, params string[] args) =>
        CommandProcess.RunAsync(workingDirectory, new Dictionary<string, string?>
        {
            ["ClinicCms__AppDataPath"] = dataPath,
            ["ClinicCms__Setup__AdminPassword"] = ClinicCmsApp.AdminPassword,
        }, args);
}
