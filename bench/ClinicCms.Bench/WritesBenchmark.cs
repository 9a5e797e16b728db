using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ClinicCms.Bench;

/// <summary>
/// The writes command: builds the web app in Release, sets a site up with the clinic recipe and an API client that may
/// publish and review (by `recipe run`), starts it, and times REST writes one after another: each a POST /api/content
/// of a changed FAQ, which saves a new draft and publishes it (with its review approval, its change announcement and,
/// where the site has one, its audit row). Prints the median and the 90th percentile of R runs of N writes each. With
/// <c>webhook</c>, the site also has one webhook subscribed to content.published, sending to a receiver on 127.0.0.1
/// that answers 204: each write then also writes its outbox row, and the deliveries go out in the background.
/// </summary>
public static class WritesBenchmark
{
    private const string ClientId = "bench-writer";
    private const string ClientSecret = "Bench-writer-secret-1";

    public static async Task<int> RunAsync(string root, int writes, int runs, int warmup, bool webhook = false)
    {
        var work = Path.Combine(Path.GetTempPath(), "cliniccms-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            await ExecAsync("dotnet", root, ["build", "-c", "Release", "-v", "q", "src/ClinicCms.Web"], []);
            var webDll = Path.Combine(root, "src", "ClinicCms.Web", "bin", "Release", "net10.0", "ClinicCms.Web.dll");
            var medians = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                using var receiver = webhook ? WebhookReceiver.Start() : null;
                var times = await RunOnceAsync(webDll, Path.Combine(work, $"run{run}"), root, writes, warmup, receiver?.Url);
                times.Sort();
                medians.Add(times[times.Count / 2]);
                var received = receiver is null ? "" : $", {receiver.Received} deliveries received";
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"  run {run}: {writes} writes, median {times[times.Count / 2]:0.00} ms, p90 {times[times.Count * 9 / 10]:0.00} ms, mean {times.Average():0.00} ms{received}"));
            }
            medians.Sort();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"REST save+publish{(webhook ? " with one webhook on content.published" : "")}, median of the runs' medians: {medians[medians.Count / 2]:0.00} ms (min {medians[0]:0.00}, max {medians[^1]:0.00})"));
            return 0;
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static async Task<List<double>> RunOnceAsync(string webDll, string data, string root, int writes, int warmup, string? webhookUrl)
    {
        Directory.CreateDirectory(data);
        (string, string)[] environment = [("ClinicCms__AppDataPath", data), ("ClinicCms__Setup__AdminPassword", "Bench-admin-pass-1"),
            ("ClinicCms__Webhooks__AllowPrivateTargets", "true")];
        var client = Path.Combine(data, "writer.recipe.json");
        var recipe = WriterRecipe();
        if (webhookUrl is not null)
        {
            recipe["steps"]!.AsArray().Add(new JsonObject
            {
                ["name"] = "Webhooks",
                ["Webhooks"] = new JsonArray(new JsonObject
                {
                    ["Name"] = "bench",
                    ["Url"] = webhookUrl,
                    ["Events"] = new JsonArray("content.published"),
                    ["Enabled"] = true,
                }),
            });
        }
        await File.WriteAllTextAsync(client, recipe.ToJsonString());
        var directory = Path.GetDirectoryName(webDll)!;
        await ExecAsync("dotnet", directory, [webDll, "recipe", "run", Path.Combine(root, "recipes", "clinic.recipe.json")], environment);
        await ExecAsync("dotnet", directory, [webDll, "recipe", "run", client], environment);

        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        using var server = Start(webDll, url, environment);
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(http));
            var id = (await WriteAsync(http, Faq("Bench question 0", null)))["ContentItemId"]!.GetValue<string>();
            for (var i = 1; i <= warmup; i++)
            {
                await WriteAsync(http, Faq($"Bench warm-up question {i}", id));
            }
            var times = new List<double>(writes);
            var clock = new Stopwatch();
            for (var i = 1; i <= writes; i++)
            {
                var body = Faq($"Bench question {i}", id);
                clock.Restart();
                await WriteAsync(http, body);
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            return times;
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<JsonNode> WriteAsync(HttpClient http, JsonObject item)
    {
        using var response = await http.PostAsJsonAsync("/api/content", item);
        var body = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonNode.Parse(body)! : throw new InvalidOperationException($"POST /api/content: {(int)response.StatusCode} {body}");
    }

    private static JsonObject Faq(string question, string? id)
    {
        var faq = new JsonObject
        {
            ["ContentType"] = "FAQ",
            ["TitlePart"] = new JsonObject { ["Title"] = question },
            ["FAQ"] = new JsonObject
            {
                ["Answer"] = new JsonObject { ["Markdown"] = "An answer to " + question + ", long enough to look like one a clinic would give." },
                ["Category"] = new JsonObject { ["Text"] = "general" },
                ["Order"] = new JsonObject { ["Value"] = 50 },
            },
        };
        if (id is not null)
        {
            faq["ContentItemId"] = id;
        }
        return faq;
    }

    // ReviewContent lets the client publish a type that requires review: the approval is recorded as its own.
    private static JsonObject WriterRecipe() => JsonNode.Parse($$"""
        {
          "name": "bench-writer",
          "steps": [
            { "name": "Roles", "Roles": [ { "Name": "BenchWriter", "Permissions": [ "AccessContentApi", "PublishContent", "PreviewContent", "ReviewContent" ] } ] },
            { "name": "OpenIdApplication", "ClientId": "{{ClientId}}", "ClientSecret": "{{ClientSecret}}", "DisplayName": "Bench writer",
              "Type": "Confidential", "AllowClientCredentialsFlow": true, "RoleEntries": [ { "Name": "BenchWriter" } ] }
          ]
        }
        """)!.AsObject();

    private static async Task<string> TokenAsync(HttpClient http)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.PostAsync("/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["grant_type"] = "client_credentials",
                    ["client_id"] = ClientId,
                    ["client_secret"] = ClientSecret,
                }));
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync());
                return body?["access_token"]?.GetValue<string>() ?? throw new InvalidOperationException($"no token: {body}");
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(60))
            {
                await Task.Delay(50); // not listening yet
            }
        }
    }

    private static Process Start(string webDll, string url, (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(webDll)! };
        foreach (var argument in new[] { webDll, "--urls", url })
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ClinicCms__Security__ApiClient__PermitLimit"] = "0";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }
        var process = Process.Start(start)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static async Task ExecAsync(string file, string directory, string[] arguments, (string Name, string Value)[] environment)
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
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }
}
