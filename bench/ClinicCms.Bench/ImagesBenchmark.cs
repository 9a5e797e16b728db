using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace ClinicCms.Bench;

/// <summary>
/// The images command: builds the web app and the bare host in Release, puts a generated 2,048 × 1,536 JPEG in a new
/// site's media folder and starts the server on 127.0.0.1. It times first resizes to a 480 px WebP (the original's
/// write time is moved before each, so each request misses the disk cache, as after an upload), then drives the
/// cached variant's URL with wrk, and the bare host answering the same bytes from memory, for the ratio.
/// </summary>
public static partial class ImagesBenchmark
{
    private const string Variant = "/media/bench/photo.jpg?width=480&format=webp";

    public static async Task<int> RunAsync(string root, int resizes, int seconds, int warmup, int[] connections)
    {
        var work = Path.Combine(Path.GetTempPath(), "cliniccms-bench", Guid.NewGuid().ToString("N"));
        var data = Path.Combine(work, "data");
        try
        {
            await ExecAsync(root, "build", "-c", "Release", "-v", "q", "src/ClinicCms.Web");
            await ExecAsync(root, "build", "-c", "Release", "-v", "q", "bench/BareHost");
            var webDll = Path.Combine(root, "src", "ClinicCms.Web", "bin", "Release", "net10.0", "ClinicCms.Web.dll");
            var bareDll = Path.Combine(root, "bench", "BareHost", "bin", "Release", "net10.0", "BareHost.dll");
            var photo = Path.Combine(data, "Sites", "Default", "Media", "bench", "photo.jpg");
            Directory.CreateDirectory(Path.GetDirectoryName(photo)!);
            using (var black = NetVips.Image.Black(2048, 1536, bands: 3))
            using (var noise = NetVips.Image.Gaussnoise(2048, 1536, mean: 128, sigma: 40))
            using (var photoLike = (black + noise).Cast(NetVips.Enums.BandFormat.Uchar))
            {
                photoLike.Jpegsave(photo, q: 85);
            }

            var url = $"http://127.0.0.1:{FreePort()}";
            using var server = Start("dotnet", webDll, ["--urls", url], ("ClinicCms__AppDataPath", data), ("ClinicCms__Setup__AdminPassword", "Bench-admin-pass-1"));
            using var http = new HttpClient { BaseAddress = new Uri(url) };
            try
            {
                await ReadyAsync(http, "/media/bench/photo.jpg");
                var times = await FirstResizesAsync(http, photo, resizes);
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"First resize 2048x1536 JPEG -> 480 px WebP over HTTP, {resizes} resizes: median {Median(times):0.0} ms, min {times.Min():0.0} ms, max {times.Max():0.0} ms"));

                var cached = Path.Combine(work, "variant.webp");
                await File.WriteAllBytesAsync(cached, await http.GetByteArrayAsync(Variant));
                var bareUrl = $"http://127.0.0.1:{FreePort()}";
                using var bare = Start("dotnet", bareDll, ["--media", cached, "--media-type", "image/webp", "--urls", bareUrl]);
                try
                {
                    using var bareHttp = new HttpClient { BaseAddress = new Uri(bareUrl) };
                    await ReadyAsync(bareHttp, Variant);
                    foreach (var c in connections)
                    {
                        await WrkAsync(url + Variant, c, warmup);
                        var clinic = await WrkAsync(url + Variant, c, seconds);
                        await WrkAsync(bareUrl + Variant, c, warmup);
                        var yardstick = await WrkAsync(bareUrl + Variant, c, seconds);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"Cached variant, {c} connections: {clinic.Rps:0} req/s (bare host {yardstick.Rps:0} req/s, ratio {clinic.Rps / yardstick.Rps:0.00}), p50 {clinic.P50} p99 {clinic.P99}, errors {clinic.Errors}+{yardstick.Errors}"));
                    }
                }
                finally
                {
                    bare.Kill(entireProcessTree: true);
                }
            }
            finally
            {
                server.Kill(entireProcessTree: true);
                await server.WaitForExitAsync();
            }
            return 0;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    // A new write time is a new version of the original: every request below resizes, none is served from disk.
    private static async Task<List<double>> FirstResizesAsync(HttpClient http, string photo, int resizes)
    {
        var times = new List<double>();
        var version = File.GetLastWriteTimeUtc(photo);
        for (var i = -5; i < resizes; i++)
        {
            version = version.AddSeconds(1);
            File.SetLastWriteTimeUtc(photo, version);
            var clock = Stopwatch.StartNew();
            using var response = await http.GetAsync(Variant);
            await response.Content.ReadAsByteArrayAsync();
            response.EnsureSuccessStatusCode();
            if (i >= 0) // the first five warm the JIT and libvips up
            {
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
        }
        return times;
    }

    private sealed record WrkResult(double Rps, string P50, string P99, long Errors);

    private static async Task<WrkResult> WrkAsync(string url, int connections, int seconds)
    {
        var start = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-t", "2", "-c", connections.ToString(CultureInfo.InvariantCulture), "-d", $"{seconds}s", "--latency", url })
        {
            start.ArgumentList.Add(argument);
        }
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk could not start; install it (apt-get install wrk).");
        var output = await wrk.StandardOutput.ReadToEndAsync();
        await wrk.WaitForExitAsync();
        var rps = RequestsPerSecond().Match(output) is { Success: true } m ? double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        var errors = NonSuccess().Match(output) is { Success: true } e ? long.Parse(e.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(rps, Percentile(output, "50%"), Percentile(output, "99%"), errors);
    }

    private static string Percentile(string wrkOutput, string label) =>
        wrkOutput.Split('\n').Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith(label, StringComparison.Ordinal))?[label.Length..].Trim() ?? "?";

    private static async Task ReadyAsync(HttpClient http, string path)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(120))
        {
            try
            {
                using var response = await http.GetAsync(path);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{http.BaseAddress}{path} did not answer within 2 minutes.");
    }

    private static Process Start(string file, string dll, string[] arguments, params (string Name, string Value)[] environment)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetDirectoryName(dll)! };
        start.ArgumentList.Add(dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
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

    private static async Task ExecAsync(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"dotnet {string.Join(' ', arguments)} failed ({process.ExitCode}): {await error}{await output}");
        }
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"Requests/sec:\s+([\d.]+)")]
    private static partial Regex RequestsPerSecond();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+(\d+)")]
    private static partial Regex NonSuccess();
}
