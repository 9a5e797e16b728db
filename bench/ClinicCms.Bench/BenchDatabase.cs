using Npgsql;

namespace ClinicCms.Bench;

/// <summary>
/// Where a benchmarked site keeps its content: its data folder's SQLite file, or a new PostgreSQL database on the
/// server of <c>--postgres</c>, created for the run and dropped after it. Settings reach the processes as environment.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _admin;
    private readonly string? _name;

    private BenchDatabase(string? admin, string? name, (string, string)[] environment)
    {
        _admin = admin;
        _name = name;
        Environment = environment;
    }

    /// <summary>The environment of every ClinicCms process on this database (with the run's extra settings).</summary>
    public (string Name, string Value)[] Environment { get; }

    public bool IsPostgres => _name is not null;

    public static BenchDatabase Sqlite((string, string)[] settings) => new(null, null, settings);

    public static async Task<BenchDatabase> PostgresAsync(string admin, (string, string)[] settings)
    {
        var name = $"cliniccms_bench_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0");
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new BenchDatabase(admin, name, [("ClinicCms__Database__Provider", "Postgres"), ("ConnectionStrings__ClinicCms", connectionString), .. settings]);
    }

    public async ValueTask DisposeAsync()
    {
        if (_name is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(_admin!, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
