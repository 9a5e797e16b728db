using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClinicCms.Bench;

/// <summary>
/// Runs the Release build of ClinicCms on 127.0.0.1 over a generated site and drives it with wrk: each query, the
/// host's in-process limit (the same bytes answered from memory by an endpoint inside ClinicCms), and a bare ASP.NET
/// Core process started beside it that answers the same bytes and headers, at each concurrency, with the response
/// cache on and off.
/// </summary>
public static partial class GraphQLLoadBenchmark
{
    public static readonly (string Name, string Query)[] Queries =
    [
        ("Q1", "{ article(first: 10, orderBy: { publishedUtc: DESC }) { displayText path summary publishedUtc } }"),
        ("Q2", "query($path: String!) { article(where: { path: $path }) { displayText subtitle htmlBody { html } } }"),
        ("Q3", "query($category: String!) { faq(where: { category: $category }, orderBy: { order: ASC }, first: 50) { displayText relatedTreatment { contentItems { displayText } } } faqCount(where: { category: $category }) }"),
        ("Q4", "query($path: String!) { treatmentOverview(where: { path: $path }) { displayText faqs { contentItems { ... on FAQ { displayText answer { html } } } } relatedArticles { contentItems { ... on Article { displayText path } } } } }"),
        ("Q5", "{ search(query: \"depression relief\", first: 10) { total items { score snippet contentItem { displayText } } } }"),
    ];

    public sealed record Measure(string Query, int Connections, bool Cache, double Rps, double LimitRps, double BareRps, double P50Ms, double P99Ms, long Errors, int WarmedSeconds, bool WarmSettled, double CpuMicrosPerAnswer);

    public sealed record ServerRun(List<Measure> Measures, double FirstQuerySeconds, long ResidentBytes, StartMeasure Start, RuntimeFigures AfterRun);

    /// <summary>What the server's runtime had done (its /bench/runtime figures).</summary>
    public sealed record RuntimeFigures(long CompiledMethods, double CpuSeconds, long GcCommittedBytes, long GcHeapBytes);

    /// <summary>Time from process start to the first answered GraphQL query, and what the runtime had done by then.</summary>
    public sealed record StartMeasure(double Seconds, RuntimeFigures Runtime, long ResidentBytes);

    /// <summary>Starts the server on <paramref name="data"/>, times its first answer, stops it.</summary>
    public static async Task<StartMeasure> FirstAnswerOnlyAsync(string webDll, string data, (string Name, string Value)[] environment)
    {
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var clock = Stopwatch.StartNew();
        using var server = Start(webDll, data, baseUrl, cache: true, environment);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var start = await StartAsync(http, clock, server.Id);
        server.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        return start;
    }

    private static async Task<StartMeasure> StartAsync(HttpClient http, Stopwatch clock, int pid)
    {
        var seconds = await FirstAnswerAsync(http, clock);
        return new StartMeasure(seconds, await RuntimeAsync(http), ResidentBytes(pid));
    }

    private static async Task<RuntimeFigures> RuntimeAsync(HttpClient http)
    {
        var figures = JsonNode.Parse(await http.GetStringAsync("/bench/runtime"))!;
        return new RuntimeFigures(figures["compiledMethods"]!.GetValue<long>(), figures["cpuMilliseconds"]!.GetValue<double>() / 1000,
            figures["gcCommittedBytes"]!.GetValue<long>(), figures["gcHeapBytes"]!.GetValue<long>());
    }

    /// <summary>Starts the server on <paramref name="data"/> (a set-up site), measures everything, stops it.</summary>
    /// <param name="bareDll">The bare host (bench/BareHost), started beside the server once its answers are known.</param>
    /// <param name="environment">The database's and the run's settings (<see cref="BenchDatabase.Environment"/>).</param>
    public static async Task<ServerRun> RunServerAsync(string webDll, string bareDll, string data, bool cache, int[] connections, int seconds, int warmupSeconds, string[] only,
        (string Name, string Value)[] environment)
    {
        var queries = Queries.Where(q => only.Length == 0 || only.Contains(q.Name)).ToArray();
        var port = FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        var clock = Stopwatch.StartNew();
        using var server = Start(webDll, data, baseUrl, cache, environment);
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl) };
        var start = await StartAsync(http, clock, server.Id);
        var variables = await VariablesAsync(http);
        var scripts = new Dictionary<string, string>();
        var answers = new JsonArray();
        foreach (var (name, query) in queries)
        {
            var body = new JsonObject { ["query"] = query, ["variables"] = variables[name]?.DeepClone() }.ToJsonString();
            using var answer = await http.PostAsync("/api/graphql", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            var bytes = await answer.Content.ReadAsByteArrayAsync();
            if (!answer.IsSuccessStatusCode || JsonNode.Parse(bytes)!["errors"] is not null)
            {
                throw new InvalidOperationException($"{name} failed: {System.Text.Encoding.UTF8.GetString(bytes)}");
            }
            (await http.PutAsync($"/bench/limit/{name}", new ByteArrayContent(bytes))).EnsureSuccessStatusCode();
            answers.Add(Recorded(body, answer, bytes));
            scripts[name] = WrkScript(body, Path.Combine(data, $"{name}.lua"));
        }
        var answersFile = Path.Combine(data, "bare-answers.json");
        await File.WriteAllTextAsync(answersFile, answers.ToJsonString());
        var barePort = FreePort();
        var bareUrl = $"http://127.0.0.1:{barePort}";
        using var bare = StartBare(bareDll, answersFile, bareUrl);
        using var bareHttp = new HttpClient { BaseAddress = new Uri(bareUrl) };
        await BareReadyAsync(bareHttp, answers[0]!["request"]!.GetValue<string>());
        // A warm-up pass over every query first: tiered JIT is still compiling the shared paths (EF Core, GraphQL,
        // Kestrel) long after the first requests, which counted against whichever query was measured first. The
        // server's part goes on until its throughput settles: uncached answers need several seconds of load before
        // the JIT's last tier is in place, and a fixed short warm-up measured that climb, not the server.
        var warmed = new Dictionary<string, (int Seconds, bool Settled)>();
        foreach (var (name, _) in queries)
        {
            warmed[name] = await WarmUntilSettledAsync(baseUrl + "/api/graphql", scripts[name], connections[0], warmupSeconds);
            await WrkAsync(baseUrl + $"/bench/limit/{name}", scripts[name], connections[0], warmupSeconds);
            await WrkAsync(bareUrl + "/api/graphql", scripts[name], connections[0], warmupSeconds);
        }
        var measures = new List<Measure>();
        foreach (var c in connections)
        {
            foreach (var (name, _) in queries)
            {
                // The bare host is measured just before and just after the query and the two averaged: this machine's
                // speed drifts within seconds, and one window on one side of the query moved the ratio by a third.
                await WrkAsync(bareUrl + "/api/graphql", scripts[name], c, warmupSeconds);
                var bareBefore = await WrkAsync(bareUrl + "/api/graphql", scripts[name], c, seconds);
                await WrkAsync(baseUrl + "/api/graphql", scripts[name], c, warmupSeconds);
                var cpuBefore = CpuSeconds(server);
                var query = await WrkAsync(baseUrl + "/api/graphql", scripts[name], c, seconds);
                var cpuMicros = (CpuSeconds(server) - cpuBefore) * 1e6 / Math.Max(1, query.Rps * seconds);
                var bareAfter = await WrkAsync(bareUrl + "/api/graphql", scripts[name], c, seconds);
                await WrkAsync(baseUrl + $"/bench/limit/{name}", scripts[name], c, warmupSeconds);
                var limit = await WrkAsync(baseUrl + $"/bench/limit/{name}", scripts[name], c, seconds);
                measures.Add(new Measure(name, c, cache, query.Rps, limit.Rps, (bareBefore.Rps + bareAfter.Rps) / 2, query.P50Ms, query.P99Ms,
                    query.Errors + bareBefore.Errors + bareAfter.Errors, warmed[name].Seconds, warmed[name].Settled, cpuMicros));
            }
        }
        var resident = ResidentBytes(server.Id);
        var afterRun = await RuntimeAsync(http);
        server.Kill(entireProcessTree: true);
        bare.Kill(entireProcessTree: true);
        await server.WaitForExitAsync();
        await bare.WaitForExitAsync();
        return new ServerRun(measures, start.Seconds, resident, start, afterRun);
    }

    private static Process Start(string webDll, string data, string url, bool cache, (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(webDll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ClinicCms__AppDataPath"] = data;
        start.Environment["ClinicCms__GraphQL__ResponseCacheEnabled"] = cache ? "true" : "false";
        start.Environment["ClinicCms__Security__Api__PermitLimit"] = "0";
        start.Environment["ClinicCms__Security__Search__PermitLimit"] = "0"; // the load comes from one address
        start.Environment["ClinicCms__Benchmark__LimitEndpoint"] = "true";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        start.WorkingDirectory = Path.GetDirectoryName(webDll)!;
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    // The bare host replays the response's own headers, so both send about the same bytes; the server's Date and
    // Server headers, and the framing, are its own.
    private static JsonObject Recorded(string request, HttpResponseMessage response, byte[] body)
    {
        var headers = new JsonObject();
        foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (name is not ("Date" or "Server" or "Content-Length" or "Transfer-Encoding"))
            {
                headers[name] = string.Join(", ", values);
            }
        }
        return new JsonObject { ["request"] = request, ["headers"] = headers, ["body"] = Convert.ToBase64String(body) };
    }

    private static Process StartBare(string bareDll, string answers, string url)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(bareDll)! };
        foreach (var argument in new[] { bareDll, "--answers", answers, "--urls", url })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task BareReadyAsync(HttpClient http, string request)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(30))
        {
            try
            {
                using var answer = await http.PostAsync("/api/graphql", new StringContent(request, System.Text.Encoding.UTF8, "application/json"));
                if (answer.IsSuccessStatusCode)
                {
                    return;
                }
                throw new InvalidOperationException($"The bare host answered {(int)answer.StatusCode} to a recorded request.");
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The bare host did not answer within 30 s.");
    }

    // Time from process start to the first answered GraphQL query: start-up, migration check, schema build.
    private static async Task<double> FirstAnswerAsync(HttpClient http, Stopwatch clock)
    {
        while (clock.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                using var answer = await http.PostAsJsonAsync("/api/graphql", new { query = "{ articleCount }" });
                if (answer.IsSuccessStatusCode)
                {
                    return clock.Elapsed.TotalSeconds;
                }
            }
            catch (HttpRequestException)
            {
            }
            await Task.Delay(20);
        }
        throw new TimeoutException("The server did not answer within a minute.");
    }

    private static async Task<Dictionary<string, JsonObject?>> VariablesAsync(HttpClient http)
    {
        using var answer = await http.PostAsJsonAsync("/api/graphql", new { query = "{ article(first: 1, orderBy: { publishedUtc: DESC }) { path } treatmentOverview(first: 1) { path } }" });
        var data = JsonNode.Parse(await answer.Content.ReadAsStringAsync())!["data"]!;
        return new()
        {
            ["Q1"] = null,
            ["Q2"] = new JsonObject { ["path"] = data["article"]![0]!["path"]!.GetValue<string>() },
            ["Q3"] = new JsonObject { ["category"] = "general" },
            ["Q4"] = new JsonObject { ["path"] = data["treatmentOverview"]![0]!["path"]!.GetValue<string>() },
            ["Q5"] = null,
        };
    }

    private static string WrkScript(string body, string path)
    {
        var escaped = body.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
        File.WriteAllText(path, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = \"{escaped}\"\n");
        return path;
    }

    private sealed record WrkResult(double Rps, double P50Ms, double P99Ms, long Errors);

    // Settled: the last window within SettledWithin of the one before it and of the one before that (so that a slow climb
    // does not pass for a plateau; bench/README.md says why this much); at most MaxWarmSeconds.
    private const double SettledWithin = 0.08;
    private const int MaxWarmSeconds = 30;

    /// <summary>Loads the server in windows of <paramref name="windowSeconds"/> until its throughput settles; returns the seconds it took and whether it settled.</summary>
    private static async Task<(int Seconds, bool Settled)> WarmUntilSettledAsync(string url, string script, int connections, int windowSeconds)
    {
        var window = Math.Max(1, windowSeconds);
        var rates = new List<double>();
        while (rates.Count * window < MaxWarmSeconds)
        {
            rates.Add((await WrkAsync(url, script, connections, window)).Rps);
            if (rates.Count >= 3 && Near(rates[^1], rates[^2]) && Near(rates[^1], rates[^3]))
            {
                return (rates.Count * window, true);
            }
        }
        return (rates.Count * window, false);

        static bool Near(double a, double b) => Math.Abs(a - b) <= SettledWithin * Math.Max(a, b);
    }

    private static async Task<WrkResult> WrkAsync(string url, string script, int connections, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--latency", "-s", script, url })
        {
            start.ArgumentList.Add(argument);
        }
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk could not start; install it (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var errors = Number(NonSuccess(), output) + SocketErrors().Matches(output).Sum(m => SocketErrorCounts().Matches(m.Value).Sum(n => long.Parse(n.Value, CultureInfo.InvariantCulture)));
        return new WrkResult(Number(RequestsPerSecond(), output), Millis(P50(), output), Millis(P99(), output), errors);
    }

    private static long Number(Regex pattern, string text) =>
        pattern.Match(text) is { Success: true } m ? (long)double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;

    private static double Millis(Regex pattern, string text)
    {
        var m = pattern.Match(text);
        if (!m.Success)
        {
            return double.NaN;
        }
        var value = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return m.Groups[2].Value switch { "us" => value / 1000, "s" => value * 1000, _ => value };
    }

    private static long ResidentBytes(int pid)
    {
        var line = File.ReadLines($"/proc/{pid}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
    }

    // The server's user and system time so far, read from outside so that reading it adds no request to the window.
    private static double CpuSeconds(Process server)
    {
        server.Refresh();
        return server.TotalProcessorTime.TotalSeconds;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"\n\s+50%\s+([\d.]+)(us|ms|s)")]
    private static partial Regex P50();

    [GeneratedRegex(@"\n\s+99%\s+([\d.]+)(us|ms|s)")]
    private static partial Regex P99();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();

    [GeneratedRegex(@"Socket errors:[^\n]+")]
    private static partial Regex SocketErrors();

    [GeneratedRegex(@"(\d+)")]
    private static partial Regex SocketErrorCounts();
}
