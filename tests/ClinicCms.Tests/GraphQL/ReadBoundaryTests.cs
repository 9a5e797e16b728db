using System.Reflection;
using ClinicCms.GraphQL.Execution;
using ClinicCms.Tests.TestHost;

namespace ClinicCms.Tests.GraphQL;

/// <summary>
/// GraphQL only shapes answers: it reads content through Content's reader, so it needs no database library, and its
/// resolvers take what they use from the request's ContentReadContext, never from the service provider.
/// </summary>
public sealed class ReadBoundaryTests
{
    private static readonly string[] DatabaseLibraries = ["Microsoft.EntityFrameworkCore", "Microsoft.Data.Sqlite", "Npgsql"];
    private static readonly string[] ResolverFolders = ["Queries", "Schema", "Types", "Rendering"];

    [Fact]
    public void The_graphql_assembly_references_no_database_library()
    {
        static List<string> DatabaseReferences(Assembly assembly) => [.. assembly.GetReferencedAssemblies()
            .Select(a => a.Name!).Where(name => DatabaseLibraries.Any(library => name.StartsWith(library, StringComparison.Ordinal)))];

        Assert.Empty(DatabaseReferences(typeof(GraphQLExecutor).Assembly));
        Assert.NotEmpty(DatabaseReferences(typeof(ClinicCms.Content.Reading.IContentReader).Assembly)); // the check does see them where they are
    }

    [Fact]
    public void No_resolver_looks_services_up_from_the_request()
    {
        var graphql = Path.Combine(RepositoryFiles.Root, "src", "ClinicCms.GraphQL");
        var resolverFiles = ResolverFolders
            .SelectMany(folder => Directory.GetFiles(Path.Combine(graphql, folder), "*.cs", SearchOption.AllDirectories))
            .ToList();

        Assert.NotEmpty(resolverFiles);
        Assert.All(resolverFiles, file =>
        {
            var text = File.ReadAllText(file);
            Assert.False(text.Contains("RequestServices", StringComparison.Ordinal) || text.Contains("GetRequiredService", StringComparison.Ordinal)
                || text.Contains("GetService", StringComparison.Ordinal), $"{Path.GetRelativePath(graphql, file)} looks a service up");
        });
    }
}
