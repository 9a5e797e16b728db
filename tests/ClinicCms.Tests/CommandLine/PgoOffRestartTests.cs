using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;
using Microsoft.Data.Sqlite;

namespace ClinicCms.Tests.CommandLine;

/// <summary>
/// <c>recipe run</c> started as a user starts it (no DOTNET_TieredPGO): on Linux it goes on in the same process with
/// tiered PGO off, so its process id is the one that works, answers signals and gives the exit code.
/// </summary>
public sealed class PgoOffRestartTests(PgoOffRestartTests.SetUpRun setUp) : IClassFixture<PgoOffRestartTests.SetUpRun>
{
    /// <summary>
    /// A set-up of an empty data folder by <c>recipe run</c> of the clinic recipe, started as a user starts it, once
    /// for the class (each process start costs seconds): what it showed while it ran, and the folder it left.
    /// </summary>
    public sealed class SetUpRun : IAsyncLifetime
    {
        // "café" in Latin-1, as the shell sets it (see Start).
        private static readonly byte[] Latin1Variable = [.. "CLINICCMS_TEST_LATIN1=caf"u8, 0xE9, 0];

        public TempFolder Work { get; } = new();

        public bool PgoOffSeen { get; private set; }

        /// <summary>Did a variable whose value is not UTF-8 reach the restarted process byte for byte?</summary>
        public bool Latin1VariableKept { get; private set; }

        public int ProcessId { get; private set; }

        public int ExitCode { get; private set; }

        public string Output { get; private set; } = "";

        public string Error { get; private set; } = "";

        public async ValueTask InitializeAsync()
        {
            if (!OperatingSystem.IsLinux())
            {
                return;
            }
            using var process = Start(Work, out var output, out var error, latin1Variable: true);
            ProcessId = process.Id;
            var environment = await EnvironmentAfterRestartAsync(process);
            PgoOffSeen = environment is not null;
            Latin1VariableKept = environment is not null && environment.AsSpan().IndexOf(Latin1Variable) >= 0;
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
            await ExitOrKillAsync(process, timeout.Token);
            ExitCode = process.ExitCode;
            (Output, Error) = (await output, await error);
        }

        /// <summary>A new work folder holding a copy of the set-up data folder (no host trace yet).</summary>
        public TempFolder CopyOfData()
        {
            var work = new TempFolder();
            TempFolder.CopyFiles(Work.File("data"), work.File("data"));
            return work;
        }

        public ValueTask DisposeAsync()
        {
            Work.Dispose();
            return ValueTask.CompletedTask;
        }
    }

    [Fact]
    public void Run_goes_on_in_the_same_process_with_tiered_pgo_off_and_its_output_and_exit_code()
    {
        SkipUnlessLinux();

        Assert.True(setUp.PgoOffSeen, "the process never carried DOTNET_TieredPGO=0 with DOTNET_TC_CallCountThreshold=0x500");
        Assert.True(setUp.Latin1VariableKept, "a variable whose value is not UTF-8 was changed by the restart");
        Assert.True(setUp.ExitCode == 0, setUp.Error);
        Assert.Contains("content items: 9 created, 0 updated, 0 unchanged", setUp.Output, StringComparison.Ordinal);
        Assert.Equal(2, HostStarts(setUp.Work)); // the user's start and the one in place
        // The first runtime's diagnostics socket is removed before the exec, and the second removes its own at exit.
        Assert.Empty(Directory.EnumerateFiles(Path.GetTempPath(), $"dotnet-diagnostic-{setUp.ProcessId}-*-socket"));
    }

    [Fact]
    public async Task With_DOTNET_TieredPGO_set_the_run_starts_once_as_set()
    {
        SkipUnlessLinux();
        using var work = setUp.CopyOfData();
        var faq = work.File("faq.recipe.json");
        await File.WriteAllTextAsync(faq, BulkFaqRecipe(1), TestContext.Current.CancellationToken);
        using var process = Start(work, out var output, out var error, tieredPgo: "1", recipe: faq);

        // A command that restarted despite the setting would restart again each time: it never ends.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        await ExitOrKillAsync(process, timeout.Token);

        Assert.True(process.ExitCode == 0, await error);
        Assert.Contains("content items: 1 created, 0 updated, 0 unchanged", await output, StringComparison.Ordinal);
        Assert.Equal(1, HostStarts(work));
    }

    [Fact]
    public async Task A_run_keeps_the_users_call_count_threshold_and_a_sigterm_to_it_stops_it_with_143_leaving_the_database_as_it_was()
    {
        SkipUnlessLinux();
        var ct = TestContext.Current.CancellationToken;
        using var work = setUp.CopyOfData();
        var before = await VersionsAsync(work);
        var bulk = work.File("bulk.recipe.json");
        await File.WriteAllTextAsync(bulk, BulkFaqRecipe(4000), ct);

        var progress = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        // The run also shows that a call count threshold the user set is kept through the restart in place.
        using var process = Start(work, out _, out _, recipe: bulk, callCountThreshold: "0x40", onErrorLine: line =>
        {
            if (line.Contains(" of 4000 items", StringComparison.Ordinal))
            {
                progress.TrySetResult();
            }
        });
        Assert.True(await PgoOffSeenAsync(process, "0x40"), "the user's DOTNET_TC_CallCountThreshold=0x40 was not kept with DOTNET_TieredPGO=0");
        // The signal comes while the content step is being written: its first batch was reported.
        await Task.WhenAny(progress.Task, process.WaitForExitAsync(ct));
        var seenProgress = progress.Task.IsCompleted && !process.HasExited;
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ct);
        }
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await ExitOrKillAsync(process, timeout.Token);

        Assert.True(seenProgress, "the run ended before its first batch was reported");
        Assert.Equal(143, process.ExitCode); // 128 + SIGTERM, as the README says
        Assert.Equal(before, await VersionsAsync(work));
    }

    // The version rows and the database's own check: a run stopped part-way leaves both as they were.
    private static async Task<(long Versions, string Check)> VersionsAsync(TempFolder work)
    {
        await using var connection = new SqliteConnection($"Data Source={work.File("data/Sites/Default/clinic.db")};Pooling=False");
        await connection.OpenAsync();
        await using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM \"ContentItemVersions\"";
        var versions = (long)(await count.ExecuteScalarAsync())!;
        await using var check = connection.CreateCommand();
        check.CommandText = "PRAGMA integrity_check";
        return (versions, (string)(await check.ExecuteScalarAsync())!);
    }

    private static string BulkFaqRecipe(int count) => new JsonObject
    {
        ["name"] = "bulk",
        ["steps"] = new JsonArray(new JsonObject
        {
            ["name"] = "content",
            ["data"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject
            {
                ["ContentItemId"] = $"bulkfaq{i:D19}",
                ["ContentType"] = "FAQ",
                ["Latest"] = true,
                ["Published"] = true,
                ["TitlePart"] = new JsonObject { ["Title"] = $"Question {i}?" },
                ["FAQ"] = new JsonObject
                {
                    ["Answer"] = new JsonObject { ["Markdown"] = $"An answer to question {i}." },
                    ["Category"] = new JsonObject { ["Text"] = "general" },
                    ["Order"] = new JsonObject { ["Value"] = i },
                },
            })]),
        }),
    }.ToJsonString();

    private static void SkipUnlessLinux()
    {
        if (!OperatingSystem.IsLinux())
        {
            Assert.Skip("The command restarts itself in place (execve) on Linux only; elsewhere it runs as started.");
        }
    }

    // `recipe run` of the clinic recipe (or <paramref name="recipe"/>) on the work folder's data folder (a set-up when it
    // is empty), with DOTNET_TieredPGO as given (none by default). The host's trace file counts the process's starts.
    private static Process Start(TempFolder work, out Task<string> output, out Task<string> error, string? tieredPgo = null, string? recipe = null,
        Action<string>? onErrorLine = null, string? callCountThreshold = null, bool latin1Variable = false)
    {
        // A variable of bytes that are not UTF-8 can only be set by a shell (a .NET string is text): it sets it and
        // becomes the command (exec), so the process id stays the one started here.
        string[] shell = latin1Variable ? ["/bin/sh", "-c", "export CLINICCMS_TEST_LATIN1=\"$(printf 'caf\\351')\"; exec \"$@\"", "sh", "dotnet"] : ["dotnet"];
        var start = new ProcessStartInfo(shell[0]) { WorkingDirectory = work.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in shell[1..].Concat([Path.Combine(AppContext.BaseDirectory, "ClinicCms.Web.dll"), "recipe", "run", recipe ?? RepositoryFiles.ClinicRecipe]))
        {
            start.ArgumentList.Add(arg);
        }
        // The runtime's settings the command looks at, as a user's shell would not have them (COMPlus_ is the old prefix).
        foreach (var name in new[] { "DOTNET_TieredPGO", "COMPlus_TieredPGO", "DOTNET_TC_CallCountThreshold", "COMPlus_TC_CallCountThreshold" })
        {
            start.Environment.Remove(name);
        }
        if (tieredPgo is not null)
        {
            start.Environment["DOTNET_TieredPGO"] = tieredPgo;
        }
        if (callCountThreshold is not null)
        {
            start.Environment["DOTNET_TC_CallCountThreshold"] = callCountThreshold;
        }
        start.Environment["COREHOST_TRACE"] = "1";
        start.Environment["COREHOST_TRACEFILE"] = work.File("host-trace.txt");
        start.Environment["ClinicCms__AppDataPath"] = work.File("data");
        start.Environment["ClinicCms__Setup__AdminPassword"] = ClinicCmsApp.AdminPassword;
        var process = Process.Start(start)!;
        output = process.StandardOutput.ReadToEndAsync();
        var lines = new StringBuilder();
        var ended = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                ended.TrySetResult(lines.ToString());
                return;
            }
            lines.AppendLine(e.Data);
            onErrorLine?.Invoke(e.Data);
        };
        process.BeginErrorReadLine();
        error = ended.Task;
        return process;
    }

    // A run that does not end in time is stopped, so that it does not go on writing into a folder being deleted.
    private static async Task ExitOrKillAsync(Process process, CancellationToken timeout)
    {
        try
        {
            await process.WaitForExitAsync(timeout);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }
    }

    // The .NET host appends to its trace file at each start of the muxer, in place (execve) or not.
    private static int HostStarts(TempFolder work) =>
        File.ReadLines(work.File("host-trace.txt")).Count(l => l.StartsWith("--- Invoked dotnet [", StringComparison.Ordinal));

    // The environment of a process id is the one its last exec gave it: DOTNET_TieredPGO=0 there means it restarted in
    // place (with the raised call count threshold, or the one the user set). Returns that environment as bytes.
    private static async Task<byte[]?> EnvironmentAfterRestartAsync(Process process, string threshold = "0x500")
    {
        var environ = $"/proc/{process.Id}/environ";
        while (!process.HasExited)
        {
            try
            {
                var bytes = await File.ReadAllBytesAsync(environ);
                var variables = Encoding.UTF8.GetString(bytes).Split('\0');
                if (variables.Contains("DOTNET_TieredPGO=0"))
                {
                    // The same exec raises the call count before a method is compiled again, optimized.
                    return variables.Where(v => v.StartsWith("DOTNET_TC_CallCountThreshold=", StringComparison.Ordinal))
                        .SequenceEqual([$"DOTNET_TC_CallCountThreshold={threshold}"]) ? bytes : null;
                }
            }
            catch (IOException)
            {
                break; // it exited between the check and the read
            }
            await Task.Delay(5);
        }
        return null;
    }

    private static async Task<bool> PgoOffSeenAsync(Process process, string threshold = "0x500") =>
        await EnvironmentAfterRestartAsync(process, threshold) is not null;
}
