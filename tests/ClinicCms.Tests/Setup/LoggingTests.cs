using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.Setup;

/// <summary>NLog's configuration is process-wide, so this test runs alone, after the parallel ones.</summary>
[CollectionDefinition(nameof(LoggingTests), DisableParallelization = true)]
public sealed class LoggingRunsAlone;

[Collection(nameof(LoggingTests))]
public sealed class LoggingTests
{
    [Fact]
    public async Task Setup_and_every_recipe_step_are_logged_to_the_data_folders_log_file_in_orchards_layout()
    {
        await using var app = new ClinicCmsApp();
        _ = app.CreateClient();
        NLog.LogManager.Flush();

        var log = Directory.GetFiles(Path.Combine(app.Data.Path, "logs"), "clinic-log-*.log").Single();
        var lines = await File.ReadAllLinesAsync(log);

        Assert.Equal($"clinic-log-{DateTime.Now:yyyy-MM-dd}.log", Path.GetFileName(log));
        Assert.Contains(lines, l => l.Contains("|Default|", StringComparison.Ordinal) && l.Contains("|ClinicCms.Web.Setup.SetupService|INFO|Setting up the site", StringComparison.Ordinal));
        for (var step = 0; step < 5; step++)
        {
            Assert.Contains(lines, l => l.Contains($"|INFO|Recipe clinic.recipe.json: steps[{step}]", StringComparison.Ordinal));
        }
        Assert.DoesNotContain(lines, l => l.Contains(ClinicCmsApp.AdminPassword, StringComparison.Ordinal));
    }
}
