using Npgsql;

namespace ClinicCms.Tests.TestHost;

/// <summary>Test databases left by a killed run are dropped by a later one; a running one's are not.</summary>
public sealed class PostgresDatabaseTests
{
    [Fact]
    public async Task A_sweep_drops_marked_databases_past_the_abandoned_age_and_keeps_the_rest()
    {
        await using var old = await PostgresDatabase.CreateAsync();
        await using var recent = await PostgresDatabase.CreateAsync();
        await using var unmarked = await PostgresDatabase.CreateAsync();
        var admin = ServiceRequirement.Postgres();
        // As a run killed seven hours ago left it; and one without the mark, which is not the sweep's.
        await ExecuteAsync(admin, $"COMMENT ON DATABASE \"{Name(old)}\" IS '{PostgresDatabase.Mark}{DateTime.UtcNow.AddHours(-7):O}'");
        await ExecuteAsync(admin, $"COMMENT ON DATABASE \"{Name(unmarked)}\" IS NULL");

        await PostgresDatabase.SweepAbandonedAsync(admin);

        Assert.False(await ExistsAsync(admin, Name(old)));
        Assert.True(await ExistsAsync(admin, Name(recent)));
        Assert.True(await ExistsAsync(admin, Name(unmarked)));
    }

    private static string Name(PostgresDatabase database) => new NpgsqlConnectionStringBuilder(database.ConnectionString).Database!;

    private static async Task<bool> ExistsAsync(string admin, string name)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        command.Parameters.AddWithValue("name", name);
        return await command.ExecuteScalarAsync() is not null;
    }

    private static async Task ExecuteAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
