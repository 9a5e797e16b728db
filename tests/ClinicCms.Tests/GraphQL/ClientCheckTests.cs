using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// The introspection result is valid for real clients: graphql-js (the reference implementation) builds a client
/// schema from it and validates every sample query. Needs Node.js and `npm ci` in GraphQL/ClientCheck (.ci/run does both).
/// </summary>
public sealed class ClientCheckTests
{
    private static string CheckFolder => Path.Combine(RepositoryFiles.Root, "tests", "ClinicCms.Tests", "GraphQL", "ClientCheck");

    [Fact]
    public async Task The_reference_implementation_accepts_the_schema_and_every_sample_query()
    {
        if (!Directory.Exists(Path.Combine(CheckFolder, "node_modules", "graphql")))
        {
            ServiceRequirement.Missing("the npm package graphql (npm ci --prefix tests/ClinicCms.Tests/GraphQL/ClientCheck)");
        }
        await using var app = new ClinicCmsApp();
        var introspection = await new GraphQLClient(app.CreateClient()).DataAsync(IntrospectionQuery.Text);
        using var work = new TempFolder();
        await File.WriteAllTextAsync(work.File("introspection.json"), new JsonObject { ["data"] = introspection.DeepClone() }.ToJsonString());
        await File.WriteAllTextAsync(work.File("queries.json"), JsonSerializer.Serialize(SampleQueries.All));

        var (exitCode, output) = await RunNodeAsync("check.mjs", work.File("introspection.json"), work.File("queries.json"));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"{SampleQueries.All.Count} valid, 0 invalid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_sample_query_runs_against_the_clinic_site()
    {
        await using var app = new ClinicCmsApp();
        var graphql = new GraphQLClient(app.CreateClient());
        var variables = new Dictionary<string, object>
        {
            ["article by path"] = new { path = "articles/how-many-ketamine-infusions-will-i-need" },
            ["faqs of a category"] = new { category = "treatment-course" },
        };

        foreach (var (name, query) in SampleQueries.All)
        {
            var data = await graphql.DataAsync(query, variables.GetValueOrDefault(name));
            Assert.True(data.Count > 0, name);
        }
    }

    private static async Task<(int ExitCode, string Output)> RunNodeAsync(params string[] args)
    {
        var start = new ProcessStartInfo("node") { WorkingDirectory = CheckFolder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        Process process;
        try
        {
            process = Process.Start(start)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            ServiceRequirement.Missing("Node.js (node on the PATH)");
            throw;
        }
        using (process)
        {
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            await process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromMinutes(1)).Token);
            return (process.ExitCode, await output + await error);
        }
    }
}
