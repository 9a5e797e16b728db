using System.Diagnostics;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.CommandLine;

/// <summary>
/// <c>recipe run</c> started as a user starts it (no DOTNET_TieredPGO): on Linux it goes on in the same process with
/// tiered PGO off, so its process id is the one that works, answers signals and gives the exit code.
/// </summary>
public sealed class PgoOffRestartTests
{
    [Fact]
    public async Task Run_goes_on_in_the_same_process_with_tiered_pgo_off_and_its_output_and_exit_code()
    {
        SkipUnlessLinux();
        using var work = new TempFolder();
        using var process = Start(work, out var output, out var error);

        var seen = await PgoOffSeenAsync(process);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        Assert.True(seen, "the process never carried DOTNET_TieredPGO=0");
        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("content items: 9 created, 0 updated, 0 unchanged", await output, StringComparison.Ordinal);
        // The first runtime's diagnostics socket is removed before the exec, and the second removes its own at exit.
        Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{process.Id}-*-socket"));
    }

    [Fact]
    public async Task A_sigterm_to_the_process_the_user_started_stops_the_run()
    {
        SkipUnlessLinux();
        using var work = new TempFolder();
        using var process = Start(work, out _, out _);
        Assert.True(await PgoOffSeenAsync(process), "the process never carried DOTNET_TieredPGO=0");

        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);

        Assert.NotEqual(0, process.ExitCode);
    }

    private static void SkipUnlessLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("The command restarts itself in place (execve) on Linux only; elsewhere it runs as started.");
        }
    }

    // `recipe run` of the clinic recipe on an empty data folder (a set-up), with no DOTNET_TieredPGO in its environment.
    private static Process Start(TempFolder work, out Task<string> output, out Task<string> error)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = work.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "ClinicCms.Web.dll"), "recipe", "run", RepositoryFiles.ClinicRecipe })
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment.Remove("DOTNET_TieredPGO");
        start.Environment.Remove("DOTNET_TC_CallCountThreshold");
        start.Environment["ClinicCms__AppDataPath"] = work.File("data");
        start.Environment["ClinicCms__Setup__AdminPassword"] = ClinicCmsApp.AdminPassword;
        var process = Process.Start(start)!;
        output = process.StandardOutput.ReadToEndAsync();
        error = process.StandardError.ReadToEndAsync();
        return process;
    }

    // The environment of a process id is the one its last exec gave it: DOTNET_TieredPGO=0 there means it restarted in
    // place (with the raised call count threshold).
    private static async Task<bool> PgoOffSeenAsync(Process process)
    {
        var environ = $"/proc/{process.Id}/environ";
        while (!process.HasExited)
        {
            try
            {
                var variables = (await File.ReadAllTextAsync(environ)).Split('\0');
                if (variables.Contains("DOTNET_TieredPGO=0"))
                {
                    // The same exec raises the call count before a method is compiled again, optimized.
                    return variables.Contains("DOTNET_TC_CallCountThreshold=500");
                }
            }
            catch (IOException)
            {
                break; // it exited between the check and the read
            }
            await Task.Delay(5);
        }
        return false;
    }
}
