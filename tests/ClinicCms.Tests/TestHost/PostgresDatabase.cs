using Npgsql;

namespace ClinicCms.Tests.TestHost;

/// <summary>A new database on the test PostgreSQL server (CLINICCMS_TEST_POSTGRES), dropped on dispose.</summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly Dictionary<string, string> Templates = [];

    private readonly string _admin;
    private readonly string _name;

    private PostgresDatabase(string admin, string name)
    {
        _admin = admin;
        _name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
    }

    public string ConnectionString { get; }

    /// <summary>
    /// Text ordered by code point, as SQLite orders it, whatever the server's default: the published index serves
    /// PostgreSQL only on such a database, so the tests that run with it must not depend on how the server was set up.
    /// </summary>
    public const string CodePointOrder = "ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0";

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = ServiceRequirement.Postgres();
        var name = $"cliniccms_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" {CodePointOrder}");
        return new PostgresDatabase(admin, name);
    }

    /// <summary>
    /// A new database with the migrations applied: a copy (CREATE DATABASE ... TEMPLATE) of one database that
    /// <paramref name="migrate"/> migrated once for the test run and that is dropped when the run ends. Migrating
    /// costs far more than copying, and the copies are real databases of the same schema.
    /// </summary>
    public static Task<PostgresDatabase> CreateMigratedAsync(Func<string, Task> migrate) => CreateFromTemplateAsync("migrated", migrate);

    /// <summary>
    /// A new database copied from the template named <paramref name="template"/>, which <paramref name="prepare"/>
    /// (given a connection string without pooling) fills once for the test run; dropped when the run ends.
    /// </summary>
    public static async Task<PostgresDatabase> CreateFromTemplateAsync(string template, Func<string, Task> prepare)
    {
        var admin = ServiceRequirement.Postgres();
        var name = $"cliniccms_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" TEMPLATE \"{await TemplateAsync(admin, template, prepare)}\"");
        return new PostgresDatabase(admin, name);
    }

    private static async Task<string> TemplateAsync(string admin, string template, Func<string, Task> prepare)
    {
        await TemplateLock.WaitAsync();
        try
        {
            if (!Templates.TryGetValue(template, out var existing))
            {
                var name = $"cliniccms_template_{Guid.NewGuid():N}";
                await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" {CodePointOrder}");
                AppDomain.CurrentDomain.ProcessExit += (_, _) => ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").GetAwaiter().GetResult();
                // No pooling: a template must have no open connection when it is copied.
                await prepare(new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = false }.ConnectionString);
                Templates[template] = existing = name;
            }
            return existing;
        }
        finally
        {
            TemplateLock.Release();
        }
    }

    /// <summary>The database named <paramref name="name"/>, created if it does not exist yet (an app restarted on the same data).</summary>
    public static PostgresDatabase Open(string name)
    {
        var admin = ServiceRequirement.Postgres();
        using var connection = new NpgsqlConnection(admin);
        connection.Open();
        using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = @name", connection);
        exists.Parameters.AddWithValue("name", name);
        if (exists.ExecuteScalar() is null)
        {
            using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\" {CodePointOrder}", connection);
            create.ExecuteNonQuery();
        }
        return new PostgresDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
