using System.Runtime.InteropServices;
using System.Text;

namespace ClinicCms.Web.CommandLine;

/// <summary>
/// A one-off command compiles more for tiered PGO (hot methods instrumented, then compiled a second time with their
/// profile) than the profile gains it; the long-running server gains. The runtime reads the setting only at start, so
/// on Linux the command replaces its own process image (execve) with the same command line and DOTNET_TieredPGO=0
/// (and a higher call count before a method's optimized compilation) before any work: the process id, standard
/// streams, signals and exit code stay those of the one process the user started. Elsewhere, when DOTNET_TieredPGO is
/// set already, under a diagnostic tool that started the runtime, or when the exec fails, the command runs as it is.
/// </summary>
internal static class PgoOffRestart
{
    private const string TieredPgo = "DOTNET_TieredPGO";
    private const string CallCountThreshold = "DOTNET_TC_CallCountThreshold";

    public static void Apply()
    {
        // A tool that started the runtime suspended (dotnet-trace collect, dotnet-monitor) expects the one start it resumed.
        // COMPlus_ is the setting's older name, which the runtime still reads; a debugger's session would end at the exec.
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(TieredPgo) is not null
            || Environment.GetEnvironmentVariable("COMPlus_TieredPGO") is not null
            || Environment.GetEnvironmentVariable("DOTNET_DiagnosticPorts") is not null || System.Diagnostics.Debugger.IsAttached
            || Environment.ProcessPath is not { } executable || ReadNulSeparated("/proc/self/cmdline") is not { Count: > 0 } argv
            || ReadNulSeparated("/proc/self/environ") is not { } environment)
        {
            return;
        }
        environment.Add(Encoding.UTF8.GetBytes($"{TieredPgo}=0"));
        // A method is compiled again, optimized, after 1,280 calls instead of 30 (the runtime reads this setting as
        // hexadecimal): in a one-off command most methods that pass 30 calls are start-up and set-up code that would not
        // repay the second compilation.
        if (Environment.GetEnvironmentVariable(CallCountThreshold) is null && Environment.GetEnvironmentVariable("COMPlus_TC_CallCountThreshold") is null)
        {
            environment.Add(Encoding.UTF8.GetBytes($"{CallCountThreshold}=0x500"));
        }
        var arguments = ToCStrings(argv);
        var variables = ToCStrings(environment);
        // The runtime's diagnostics socket is named by process id and start time, which the exec keeps: the new
        // runtime could not create its own (no dotnet-trace or dotnet-counters by pid) and the old file would stay.
        RemoveDiagnosticsSocket();
        try
        {
            // Returns only when the exec failed (-1): the command then runs here, as it was started.
            _ = Execve(executable, arguments, variables);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A libc without execve: run as started.
        }
        foreach (var pointer in arguments.Concat(variables))
        {
            Marshal.FreeCoTaskMem(pointer);
        }
    }

    // A C array of NUL-terminated strings, ended by a null pointer, as execve takes its arguments and environment.
    private static IntPtr[] ToCStrings(List<byte[]> values)
    {
        var pointers = new IntPtr[values.Count + 1];
        for (var i = 0; i < values.Count; i++)
        {
            pointers[i] = Marshal.AllocCoTaskMem(values[i].Length + 1);
            Marshal.Copy(values[i], 0, pointers[i], values[i].Length);
            Marshal.WriteByte(pointers[i], values[i].Length, 0);
        }
        return pointers;
    }

    // The command line or the environment exactly as the process was started, as bytes: a value that is not UTF-8
    // (a Latin-1 file name in a variable) reaches the new image unchanged rather than with replacement characters.
    private static List<byte[]>? ReadNulSeparated(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
        if (bytes.Length > 0 && bytes[^1] != 0)
        {
            return null; // cut short: not what the process was started with
        }
        // Each value ends with a NUL, so an empty last value stays.
        var values = new List<byte[]>();
        for (var start = 0; start < bytes.Length;)
        {
            var end = Array.IndexOf(bytes, (byte)0, start);
            values.Add(bytes[start..end]);
            start = end + 1;
        }
        return values;
    }

    private static void RemoveDiagnosticsSocket()
    {
        try
        {
            var folder = Environment.GetEnvironmentVariable("TMPDIR") is { Length: > 0 } tmp ? tmp : "/tmp";
            foreach (var socket in Directory.EnumerateFiles(folder, $"dotnet-diagnostic-{Environment.ProcessId}-*-socket"))
            {
                File.Delete(socket);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // Without it the command still runs; only attaching a diagnostic tool by process id fails.
        }
    }

    [DllImport("libc", EntryPoint = "execve", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Execve(
        [MarshalAs(UnmanagedType.LPUTF8Str)] string path,
        IntPtr[] argv,
        IntPtr[] envp);
}
