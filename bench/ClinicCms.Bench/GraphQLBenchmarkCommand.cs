using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicCms.Bench;

/// <summary>
/// The graphql command: builds the web app and the bare host in Release, times R whole `recipe run` processes that
/// import N copies of the seeded article, sets a site up with the clinic recipe and imports a generated one with the
/// real `recipe run`, then runs the load benchmark R times with the cache on and R times with it off (or with one of them
/// only, <c>--cache</c>), and prints medians.
/// </summary>
public static partial class GraphQLBenchmarkCommand
{
    /// <param name="only">The queries to run (Q1-Q4), or empty for all.</param>
    /// <param name="keptData">A data folder to use and keep (set up only when it holds no site yet), or null for a temporary one.</param>
    /// <param name="clones">How many copies of the seeded article each timed `recipe run` imports; 0 skips that part.</param>
    /// <param name="postgres">A connection string to a PostgreSQL server where each site gets a new database (dropped after), or null for SQLite.</param>
    /// <param name="settings">Settings of every ClinicCms process, as environment variables (ClinicCms__GraphQL__PublishedIndexMaxItems).</param>
    /// <param name="published">Serve from a ReadyToRun publish of the app (the deployment), else from the build output.</param>
    /// <param name="caches">The response cache settings to run the server with: on, off, or both (the default).</param>
    public static async Task<int> RunAsync(string root, int articles, int runs, int seconds, int warmup, int[] connections, string[] only, string? keptData, int clones,
        string? postgres, (string, string)[] settings, bool published = true, bool[]? caches = null)
    {
        var work = Path.Combine(Path.GetTempPath(), "cliniccms-bench", Guid.NewGuid().ToString("N"));
        var data = keptData is null ? Path.Combine(work, "data") : Path.GetFullPath(keptData);
        Directory.CreateDirectory(work);
        try
        {
            await ExecAsync("dotnet", root, "build", "-c", "Release", "-v", "q", "src/ClinicCms.Web");
            await ExecAsync("dotnet", root, "build", "-c", "Release", "-v", "q", "bench/BareHost");
            var webDll = Path.Combine(root, "src", "ClinicCms.Web", "bin", "Release", "net10.0", "ClinicCms.Web.dll");
            var bareDll = Path.Combine(root, "bench", "BareHost", "bin", "Release", "net10.0", "BareHost.dll");
            var serverDll = published ? await PublishAsync(root, work) : webDll;
            var recipeRuns = clones > 0 ? await RecipeRunsAsync(root, webDll, work, clones, runs, () => OpenAsync(postgres, settings)) : [];
            await using var database = await OpenAsync(postgres, settings);
            if (database.IsPostgres || !Directory.Exists(data) || Directory.GetFiles(data, "clinic.db", SearchOption.AllDirectories).Length == 0)
            {
                Directory.CreateDirectory(data);
                await SetUpSiteAsync(root, webDll, work, data, articles, database);
            }

            var all = new List<GraphQLLoadBenchmark.ServerRun>();
            foreach (var cache in caches ?? [true, false])
            {
                for (var run = 1; run <= runs; run++)
                {
                    var result = await GraphQLLoadBenchmark.RunServerAsync(serverDll, bareDll, data, cache, connections, seconds, warmup, only, database.Environment);
                    all.Add(result);
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"  cache {(cache ? "on " : "off")} run {run}: first query {result.FirstQuerySeconds:0.00} s after start ({Describe(result.Start)}), resident {result.ResidentBytes / 1024 / 1024} MB after the run (GC committed {result.AfterRun.GcCommittedBytes / 1024 / 1024} MB, heap {result.AfterRun.GcHeapBytes / 1024 / 1024} MB)"));
                }
            }
            if (all.Count > 0)
            {
                Print(all, published);
            }
            if (published)
            {
                await PrintBuildOutputStartAsync(webDll, data, runs, database.Environment);
            }
            if (recipeRuns.Count > 0)
            {
                var process = Median(recipeRuns.Select(r => r.ProcessSeconds));
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"`recipe run` of {clones} copies of the seeded article, as a whole process: median {process:0.00} s ({clones / process:0} items/s; inside the process {Median(recipeRuns.Select(r => r.AppliedSeconds)):0.00} s)"));
            }
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<BenchDatabase> OpenAsync(string? postgres, (string, string)[] settings) =>
        postgres is null ? BenchDatabase.Sqlite(settings) : await BenchDatabase.PostgresAsync(postgres, settings);

    private static async Task SetUpSiteAsync(string root, string webDll, string work, string data, int articles, BenchDatabase database)
    {
        var recipe = Path.Combine(work, "bench.recipe.json");
        await File.WriteAllTextAsync(recipe, SiteGenerator.Recipe(articles).ToJsonString());
        var items = articles + Math.Max(1, articles / 10) + Math.Max(1, articles / 100);
        await RecipeRunAsync(webDll, data, Path.Combine(root, "recipes", "clinic.recipe.json"), database);
        var importSeconds = await RecipeRunAsync(webDll, data, recipe, database);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"site: {articles} articles, {items} items imported by `recipe run` in {importSeconds:0.00} s ({items / importSeconds:0} items/s)"));
    }

    /// <summary>
    /// Each run: a new data folder set up by `recipe run` of the clinic recipe (not timed), then `recipe run` of the
    /// copies timed from process start to exit, start-up and shutdown included.
    /// </summary>
    private static async Task<List<(double ProcessSeconds, double AppliedSeconds)>> RecipeRunsAsync(string root, string webDll, string work, int clones, int runs,
        Func<Task<BenchDatabase>> open)
    {
        var clinic = Path.Combine(root, "recipes", "clinic.recipe.json");
        var recipe = Path.Combine(work, "clones.recipe.json");
        await File.WriteAllTextAsync(recipe, ArticleClones.Recipe(clinic, clones).ToJsonString());
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"recipe run: {clones} copies of the seeded article, {new FileInfo(recipe).Length / 1024.0 / 1024:0.0} MB, {runs} runs"));
        var results = new List<(double, double)>();
        for (var run = 1; run <= runs; run++)
        {
            var data = Path.Combine(work, $"clones{run}");
            Directory.CreateDirectory(data);
            await using var database = await open();
            await RecipeRunAsync(webDll, data, clinic, database);
            var clock = Stopwatch.StartNew();
            var applied = await RecipeRunAsync(webDll, data, recipe, database);
            var process = clock.Elapsed.TotalSeconds;
            results.Add((process, applied));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  run {run}: {process:0.00} s as a process ({clones / process:0} items/s), applied in {applied:0.00} s"));
            Directory.Delete(data, recursive: true);
        }
        return results;
    }

    /// <summary>
    /// A ReadyToRun publish for this machine's platform, framework-dependent: what a deployment runs. The app's and
    /// its packages' assemblies then carry precompiled code, so the start compiles a fraction of the methods.
    /// </summary>
    private static async Task<string> PublishAsync(string root, string work)
    {
        var output = Path.Combine(work, "published");
        await ExecAsync("dotnet", root, "publish", "src/ClinicCms.Web", "-c", "Release", "-r", System.Runtime.InteropServices.RuntimeInformation.RuntimeIdentifier,
            "--self-contained", "false", "-p:PublishReadyToRun=true", "-o", output, "-v", "q");
        return Path.Combine(output, "ClinicCms.Web.dll");
    }

    // The build output (`dotnet run`, JIT only) still gets its first answer timed, R starts on the same site.
    private static async Task PrintBuildOutputStartAsync(string webDll, string data, int runs, (string, string)[] environment)
    {
        var starts = new List<GraphQLLoadBenchmark.StartMeasure>();
        for (var run = 0; run < runs; run++)
        {
            starts.Add(await GraphQLLoadBenchmark.FirstAnswerOnlyAsync(webDll, data, environment));
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first query after process start, build output (not ReadyToRun): median {Median(starts.Select(s => s.Seconds)):0.00} s ({string.Join("; ", starts.Select(Describe))})"));
    }

    private static string Describe(GraphQLLoadBenchmark.StartMeasure start) => string.Create(CultureInfo.InvariantCulture,
        $"{start.Seconds:0.00} s, {start.Runtime.CpuSeconds:0.00} s CPU, {start.Runtime.CompiledMethods} methods compiled, {start.ResidentBytes / 1024 / 1024} MB");

    private static void Print(List<GraphQLLoadBenchmark.ServerRun> runs, bool published)
    {
        Console.WriteLine(published ? "server: the ReadyToRun publish" : "server: the build output");
        Console.WriteLine();
        Console.WriteLine("| query | c | cache | req/s | bare host req/s | ratio to bare | each run's ratio | limit req/s | ratio to limit | p50 ms | p99 ms | errors | warm-up s | server CPU µs/answer |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in runs.SelectMany(r => r.Measures).GroupBy(m => (m.Query, m.Connections, m.Cache)).OrderBy(g => g.Key.Query).ThenBy(g => g.Key.Connections).ThenByDescending(g => g.Key.Cache))
        {
            var m = group.ToList();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {group.Key.Query} | {group.Key.Connections} | {(group.Key.Cache ? "on" : "off")} | {Median(m.Select(x => x.Rps)):0} | {Median(m.Select(x => x.BareRps)):0} | {Median(m.Select(x => x.Rps / x.BareRps)):0.00} | {string.Join(", ", m.Select(x => (x.Rps / x.BareRps).ToString("0.00", CultureInfo.InvariantCulture)))} | {Median(m.Select(x => x.LimitRps)):0} | {Median(m.Select(x => x.Rps / x.LimitRps)):0.00} | {Median(m.Select(x => x.P50Ms)):0.00} | {Median(m.Select(x => x.P99Ms)):0.00} | {m.Sum(x => x.Errors)} | {Median(m.Select(x => (double)x.WarmedSeconds)):0}{(m.All(x => x.WarmSettled) ? "" : $" ({m.Count(x => !x.WarmSettled)} not settled)")} | {Median(m.Select(x => x.CpuMicrosPerAnswer)):0} |"));
        }
        Console.WriteLine();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"first query after process start: median {Median(runs.Select(r => r.FirstQuerySeconds)):0.00} s (CPU {Median(runs.Select(r => r.Start.Runtime.CpuSeconds)):0.00} s, {Median(runs.Select(r => (double)r.Start.Runtime.CompiledMethods)):0} methods compiled); resident memory after a run: median {Median(runs.Select(r => (double)r.ResidentBytes)) / 1024 / 1024:0} MB, max {runs.Max(r => r.ResidentBytes) / 1024.0 / 1024:0} MB"));
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static async Task<double> RecipeRunAsync(string webDll, string data, string recipe, BenchDatabase database)
    {
        var output = await ExecAsync("dotnet", Path.GetDirectoryName(webDll)!, webDll, "recipe", "run", recipe);
        var applied = AppliedIn().Match(output);
        return applied.Success ? double.Parse(applied.Groups[1].Value, CultureInfo.InvariantCulture) : double.NaN;

        Task<string> ExecAsync(string file, string directory, params string[] arguments) =>
            GraphQLBenchmarkCommand.ExecAsync(file, directory, arguments,
                [("ClinicCms__AppDataPath", data), ("ClinicCms__Setup__AdminPassword", "Bench-admin-pass-1"), .. database.Environment]);
    }

    private static Task<string> ExecAsync(string file, string directory, params string[] arguments) => ExecAsync(file, directory, arguments, []);

    private static async Task<string> ExecAsync(string file, string directory, string[] arguments, (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
        return await output;
    }

    [GeneratedRegex(@"applied in ([\d.]+) s")]
    private static partial Regex AppliedIn();
}
