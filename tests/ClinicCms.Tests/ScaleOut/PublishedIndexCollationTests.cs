using ClinicCms.Content.Reading.Published;
using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace ClinicCms.Tests.ScaleOut;

/// <summary>
/// The published index orders text by code point, as SQLite does. On a PostgreSQL database whose collation orders text
/// otherwise (an ICU locale here), it stays off and every read goes to SQL, in the database's own order.
/// </summary>
public sealed class PublishedIndexCollationTests
{
    [Fact]
    public async Task On_a_database_with_a_language_collation_reads_stay_in_sql()
    {
        var admin = ServiceRequirement.Postgres();
        using var data = new TempFolder();
        // The name ClinicCmsApp opens for this data folder, made first with a collation that is not by code point.
        var name = "cliniccms_test_" + Path.GetFileName(data.Path);
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'en-US' LOCALE 'C.UTF-8' TEMPLATE template0", connection);
            await create.ExecuteNonQueryAsync();
        }
        try
        {
            var counter = new SqlCommandCounter();
            await using var app = new ClinicCmsApp(services: counter.CountIn, data: data, postgres: true,
                settings: new Dictionary<string, string> { ["ClinicCms:GraphQL:ResponseCacheEnabled"] = "false" });
            var graphql = new GraphQLClient(app.CreateClient());
            var query = """{ article(orderBy: { displayText: ASC }) { displayText } }""";
            await graphql.DataAsync(query);
            await app.Services.GetRequiredService<PublishedIndex>().RefreshAsync();

            counter.Reset();
            var answer = await graphql.DataAsync(query);

            Assert.Contains(counter.Commands, sql => sql.Contains("\"ContentItemVersions\"", StringComparison.Ordinal));
            Assert.NotEmpty(answer["article"]!.AsArray());
        }
        finally
        {
            // A data folder passed in outlives the app, and so does its database: dropped here.
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
