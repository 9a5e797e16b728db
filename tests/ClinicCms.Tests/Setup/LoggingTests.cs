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
        await using var app = new ClinicCmsApp(writeLogs: true);
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

    [Fact]
    public async Task No_password_secret_or_token_is_ever_written_to_the_log()
    {
        await using var site = await Security.SecuredSite.StartAsync(new ClinicCmsApp(writeLogs: true));
        using var http = site.App.CreateClient(new() { AllowAutoRedirect = false });
        using (await Security.SecuredSite.PostLoginAsync(http, "reader", "Wrong-guess-password-9"))
        using (await Security.SecuredSite.PostLoginAsync(http, "reader", "Reader-password-1"))
        using (await site.RequestTokenAsync("reader-app", "Bad-secret-guess-9"))
        {
        }
        var token = await site.TokenAsync("reader-app", "Reader-app-secret-1");
        using (var api = site.WithToken(token))
        using (await api.GetAsync("/api/content/nosuchitem00000000000000000"))
        {
        }
        NLog.LogManager.Flush();

        var log = string.Concat(Directory.GetFiles(Path.Combine(site.App.Data.Path, "logs"), "*.log").Select(File.ReadAllText));

        Assert.Contains("steps[", log, StringComparison.Ordinal); // the log was written
        foreach (var secret in new[] { "Wrong-guess-password-9", "Reader-password-1", "Bad-secret-guess-9", "Reader-app-secret-1", token, ClinicCmsApp.AdminPassword })
        {
            Assert.DoesNotContain(secret, log, StringComparison.Ordinal);
        }
    }
}
