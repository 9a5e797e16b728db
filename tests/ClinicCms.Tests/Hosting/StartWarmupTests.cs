using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using ClinicCms.Web.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Tests.Hosting;

/// <summary>A start warm-up that fails (its database unreadable for a moment) leaves a server whose first request loads what it did not.</summary>
public sealed class StartWarmupTests
{
    [Fact]
    public async Task A_warmup_that_failed_leaves_the_first_graphql_request_to_load_permissions_settings_and_the_schema()
    {
        var ct = TestContext.Current.CancellationToken;
        var warnings = new CapturedLog(LogLevel.Warning);
        ClinicCmsApp? started = null;
        // After setup and before the hosted services start, another connection takes the site documents table away
        // (roles, settings and definitions live there), so every piece of the warm-up fails; it comes back after.
        await using var app = started = new ClinicCmsApp(postgres: false, services: s =>
        {
            s.AddSingleton<ILoggerProvider>(warnings);
            s.AddSingleton<IHostedService>(_ => new TableAway(started!.DatabaseFile));
        });
        await app.Services.GetRequiredService<StartWarmup>().Completed.WaitAsync(TimeSpan.FromSeconds(60), ct);
        Assert.Contains(warnings.Lines, l => l.Contains("at start failed", StringComparison.Ordinal) && l.Contains("no such table: SiteDocuments", StringComparison.Ordinal));

        await TableAway.ExecuteAsync(app.DatabaseFile, $"ALTER TABLE \"{TableAway.Renamed}\" RENAME TO \"SiteDocuments\"");
        using var http = app.CreateClient();
        using var response = await http.PostAsync("/api/graphql", new StringContent("{ faqCount faq(first: 2) { displayText } }", System.Text.Encoding.UTF8, "application/graphql"), ct);

        var body = await GraphQLClient.Parse(response);
        Assert.Null(body["errors"]);
        Assert.Equal(7, body["data"]!["faqCount"]!.GetValue<int>());
        Assert.Equal(2, body["data"]!["faq"]!.AsArray().Count);
    }

    /// <summary>Renames the site documents table when the host is about to start its services.</summary>
    private sealed class TableAway(string databaseFile) : IHostedLifecycleService
    {
        public const string Renamed = "SiteDocumentsAway";

        public Task StartingAsync(CancellationToken cancellationToken) => ExecuteAsync(databaseFile, $"ALTER TABLE \"SiteDocuments\" RENAME TO \"{Renamed}\"");

        public static async Task ExecuteAsync(string databaseFile, string sql)
        {
            await using var connection = new SqliteConnection($"Data Source={databaseFile};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
