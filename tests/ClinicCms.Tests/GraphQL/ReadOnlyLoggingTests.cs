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
        await using var app = new ClinicCmsApp(environment: "Production");
        using var http = app.CreateClient();

        using var response = await http.PostAsJsonAsync("/api/graphql", new { query = "mutation { deleteEverything }" });
        NLog.LogManager.Flush();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var lines = Directory.GetFiles(Path.Combine(app.Data.Path, "logs"), "*.log").SelectMany(File.ReadAllLines).ToList();
        Assert.Contains(lines, l => l.Contains("|WARN|GraphQL mutation from", StringComparison.Ordinal) && l.Contains("read-only", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains("|ERROR|", StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
    }
}
