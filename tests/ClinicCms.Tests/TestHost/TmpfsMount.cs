using System.Diagnostics;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// A small tmpfs mounted on a folder, for tests of a full or read-only disk. Needs root with the right to mount
/// (as in CI); without it the test is skipped, except under CI.
/// </summary>
public sealed class TmpfsMount : IDisposable
{
    private TmpfsMount(string path) => Path = path;

    public string Path { get; }

    public static TmpfsMount Create(string path, string size)
    {
        Directory.CreateDirectory(path);
        if (!OperatingSystem.IsLinux() || Run("mount", "-t", "tmpfs", "-o", $"size={size},mode=0755", "tmpfs", path) is not null)
        {
            ServiceRequirement.Missing($"a tmpfs mount (root allowed to run `mount -t tmpfs`){(OperatingSystem.IsLinux() ? "" : ": not Linux")}");
            throw new InvalidOperationException("unreachable");
        }
        return new TmpfsMount(path);
    }

    public void RemountReadOnly()
    {
        if (Run("mount", "-o", "remount,ro", Path) is { } error)
        {
            throw new InvalidOperationException($"remounting {Path} read-only failed: {error}");
        }
    }

    public void Dispose() => Run("umount", "-l", Path);

    private static string? Run(string program, params string[] arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            var error = process.StandardError.ReadToEnd();
            process.WaitForExit();
            return process.ExitCode == 0 ? null : $"exit code {process.ExitCode}: {error.Trim()}";
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return e.Message;
        }
    }
}
