using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Setup;

/// <summary>
/// A database that cannot be reached (here a PostgreSQL port where nothing listens): the server and the commands say
/// so in a line and exit with 1, not with an unhandled exception's abort.
/// </summary>
public sealed class UnreachableDatabaseTests
{
    public static TheoryData<string[], string> Commands => new()
    {
        { ["recipe", "run", RepositoryFiles.ClinicRecipe], "error: the database could not be used: Failed to connect to 127.0.0.1:1" },
        { ["index", "rebuild"], "error: the database could not be used: Failed to connect to 127.0.0.1:1" },
        { [], "The server did not start: the database could not be used (Failed to connect to 127.0.0.1:1)" },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task The_server_and_the_commands_exit_with_1_and_say_why(string[] args, string said)
    {
        using var work = new TempFolder();

        var (exitCode, output, error) = await CommandProcess.RunAsync(work.Path, new Dictionary<string, string?>
        {
            ["ClinicCms__AppDataPath"] = work.File("data"),
            ["ClinicCms__Database__Provider"] = "Postgres",
            ["ConnectionStrings__ClinicCms"] = "Host=127.0.0.1;Port=1;Username=clinic;Password=unused;Database=clinic;Timeout=5",
            ["ASPNETCORE_URLS"] = "http://127.0.0.1:0",
        }, args);

        Assert.Equal(1, exitCode);
        Assert.Contains(said, output + error, StringComparison.Ordinal);
        Assert.DoesNotContain("Unhandled exception", output + error, StringComparison.Ordinal);
    }
}
