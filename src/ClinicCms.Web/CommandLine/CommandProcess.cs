using System.Diagnostics;

namespace ClinicCms.Web.CommandLine;

/// <summary>
/// A command runs once through much work and exits, where the server runs for days: tiered PGO (hot methods
/// instrumented, then compiled a second time with their profile) pays off for the server but costs a command more
/// than it gains. The runtime reads that setting only at start, so a command starts itself once more with it off, its
/// output going straight to this process's; when DOTNET_TieredPGO is set already, the command runs as it is.
/// </summary>
internal static class CommandProcess
{
    private const string TieredPgo = "DOTNET_TieredPGO";

    /// <summary>The exit code of <paramref name="args"/> run in a process of its own with PGO off, or null to run them here.</summary>
    public static async Task<int?> RunWithoutPgoAsync(string[] args)
    {
        if (Environment.GetEnvironmentVariable(TieredPgo) is not null || Environment.ProcessPath is not { } host)
        {
            return null;
        }
        var start = new ProcessStartInfo(host) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(CommandProcess).Assembly.Location); // started as `dotnet ClinicCms.Web.dll`
        }
        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment[TieredPgo] = "0";
        using var child = Process.Start(start)!;
        // Ctrl+C reaches the child as well (one process group); this process waits for it to finish or stop.
        Console.CancelKeyPress += (_, e) => e.Cancel = true;
        await child.WaitForExitAsync();
        return child.ExitCode;
    }
}
