using System.Globalization;
using ClinicCms.Bench;

// dotnet run -c Release --project bench/ClinicCms.Bench -- generate [--articles N] --out FILE
// dotnet run -c Release --project bench/ClinicCms.Bench -- import [--articles N] [--runs R]
// dotnet run -c Release --project bench/ClinicCms.Bench -- graphql [--articles N] [--runs R] [--seconds S] [--warmup W] [--connections 16,64] [--queries Q1,Q2] [--data DIR] [--clones N]
//     [--deployment published|build] [--cache on|off|both] [--database postgres --postgres "Host=...;Username=...;Password=..."] [--setting Section:Key=Value ...]
// dotnet run -c Release --project bench/ClinicCms.Bench -- writes [--writes N] [--runs R] [--warmup W] [--webhook]
// dotnet run -c Release --project bench/ClinicCms.Bench -- images [--resizes N] [--seconds S] [--warmup W] [--connections 16,64]
var articles = Option("--articles", 10_000);
var runs = Option("--runs", 3);
var root = FindRoot();
if (args.FirstOrDefault() == "generate" && Text("--out") is { } output)
{
    await File.WriteAllTextAsync(output, SiteGenerator.Recipe(articles).ToJsonString());
    return 0;
}
if (args.FirstOrDefault() == "graphql")
{
    return await GraphQLBenchmarkCommand.RunAsync(root, articles, runs, Option("--seconds", 10), Option("--warmup", 3),
        (Text("--connections") ?? "16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray(),
        Text("--queries")?.Split(',') ?? [], Text("--data"), Option("--clones", 10_000),
        Text("--database") == "postgres" ? Text("--postgres") ?? throw new ArgumentException("--database postgres needs --postgres CONNECTION") : null,
        [.. Settings()], Text("--deployment") != "build", Text("--cache") switch
        {
            null or "both" => [true, false],
            "on" => [true],
            "off" => [false],
            var other => throw new ArgumentException($"--cache takes on, off or both, not '{other}'"),
        });
}
if (args.FirstOrDefault() == "writes")
{
    return await WritesBenchmark.RunAsync(root, Option("--writes", 1_000), runs, Option("--warmup", 200), args.Contains("--webhook"));
}
if (args.FirstOrDefault() == "images")
{
    return await ImagesBenchmark.RunAsync(root, Option("--resizes", 20), Option("--seconds", 10), Option("--warmup", 3),
        (Text("--connections") ?? "16,64").Split(',').Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToArray());
}
if (args.FirstOrDefault() != "import")
{
    Console.Error.WriteLine("usage: generate [--articles N] --out FILE | import [--articles N] [--runs R] | graphql [--articles N] [--runs R] [--seconds S] [--warmup W] [--connections 16,64] [--queries Q1,Q2] [--data DIR] [--clones N] [--deployment published|build] [--cache on|off|both] [--database postgres --postgres CONN] [--setting Key=Value] | writes [--writes N] [--runs R] [--warmup W] [--webhook] | images [--resizes N] [--seconds S] [--warmup W] [--connections 16,64]");
    return 2;
}

var work = Path.Combine(Path.GetTempPath(), "cliniccms-bench", Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(work);
try
{
    var recipe = Path.Combine(work, "bench.recipe.json");
    await File.WriteAllTextAsync(recipe, SiteGenerator.Recipe(articles).ToJsonString());
    var items = articles + Math.Max(1, articles / 10) + Math.Max(1, articles / 100);
    Console.WriteLine($"Recipe import: {articles} articles, {items} items in all, {new FileInfo(recipe).Length / 1024 / 1024.0:0.0} MB, {runs} runs");
    // One small uncounted import first, so that JIT compilation is not timed.
    var warmup = Path.Combine(work, "warmup.recipe.json");
    await File.WriteAllTextAsync(warmup, SiteGenerator.Recipe(500, seed: 7).ToJsonString());
    Directory.CreateDirectory(Path.Combine(work, "warmup"));
    await ImportBenchmark.RunOnceAsync(Path.Combine(root, "recipes", "clinic.recipe.json"), warmup, Path.Combine(work, "warmup"));
    var rates = new List<double>();
    for (var run = 1; run <= runs; run++)
    {
        var folder = Path.Combine(work, $"run{run}");
        Directory.CreateDirectory(folder);
        var rate = await ImportBenchmark.RunOnceAsync(Path.Combine(root, "recipes", "clinic.recipe.json"), recipe, folder);
        rates.Add(rate);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  run {run}: {rate:0} items/s"));
    }
    rates.Sort();
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"median: {rates[rates.Count / 2]:0} items/s (min {rates[0]:0}, max {rates[^1]:0})"));
    return 0;
}
finally
{
    Directory.Delete(work, recursive: true);
}

// Each --setting Section:Key=Value, as the environment variable ASP.NET Core reads it (Section__Key).
IEnumerable<(string, string)> Settings()
{
    for (var i = 0; i + 1 < args.Length; i++)
    {
        if (args[i] == "--setting" && args[i + 1].Split('=', 2) is [var key, var value])
        {
            yield return (key.Replace(":", "__", StringComparison.Ordinal), value);
        }
    }
}

string? Text(string name)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
}

int Option(string name, int fallback)
{
    var index = Array.IndexOf(args, name);
    return index >= 0 && index + 1 < args.Length ? int.Parse(args[index + 1], CultureInfo.InvariantCulture) : fallback;
}

static string FindRoot()
{
    for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
    {
        if (File.Exists(Path.Combine(dir.FullName, "ClinicCms.sln")))
        {
            return dir.FullName;
        }
    }
    throw new InvalidOperationException("Run the benchmark from a ClinicCms clone.");
}
