using System.Net;
using System.Net.Http.Json;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>NLog's configuration is process-wide, so this runs with the other log-reading tests, alone.</summary>
[Collection(nameof(Setup.LoggingTests))]
public sealed class ReadOnlyLoggingTests
{
    [Fact]
    public async Task A_mutation_is_logged_as_a_warning_without_a_stack_trace()
    {
        await using var app = new ClinicCmsApp(environment: "Production", writeLogs: true);
        using var http = app.CreateClient();
        // Only what the request logs: on a new PostgreSQL database, EF Core logs an error while it first looks for
        // its migrations table, before it creates it.
        NLog.LogManager.Flush();
        var setUp = Lines(app).Count;

        using var response = await http.PostAsJsonAsync("/api/graphql", new { query = "mutation { deleteEverything }" });
        NLog.LogManager.Flush();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var lines = Lines(app).Skip(setUp).ToList();
        Assert.Contains(lines, l => l.Contains("|WARN|GraphQL mutation from", StringComparison.Ordinal) && l.Contains("read-only", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("|ERROR|", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }

    private static List<string> Lines(ClinicCmsApp app) =>
        [.. Directory.GetFiles(Path.Combine(app.Data.Path, "logs"), "*.log").Order(StringComparer.Ordinal).SelectMany(File.ReadAllLines)];
}
