using System.Globalization;
using Npgsql;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// A new database on the test PostgreSQL server (CLINICCMS_TEST_POSTGRES), dropped on dispose. Each is marked with its
/// creation time (a database comment), and the first one a test run creates drops the marked databases of runs that
/// were killed before they could (older than <see cref="Abandoned"/>).
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    internal const string Mark = "cliniccms test database, created ";

    /// <summary>Longer than any test run: a marked database this old belongs to none that is still going.</summary>
    private static readonly TimeSpan Abandoned = TimeSpan.FromHours(6);

    private static readonly SemaphoreSlim TemplateLock = new(1, 1);
    private static readonly Dictionary<string, string> Templates = [];
    private static Task? _swept;

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
        await CreateMarkedAsync(admin, name, CodePointOrder);
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
        await CreateMarkedAsync(admin, name, $"TEMPLATE \"{await TemplateAsync(admin, template, prepare)}\"");
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
                await CreateMarkedAsync(admin, name, CodePointOrder);
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
            CreateMarkedAsync(admin, name, CodePointOrder).GetAwaiter().GetResult();
        }
        return new PostgresDatabase(admin, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)");
    }

    private static async Task CreateMarkedAsync(string admin, string name, string options)
    {
        await (_swept ??= SweepAbandonedAsync(admin)); // races only make two sweeps, each dropping IF EXISTS
        await ExecuteAsync(admin, $"CREATE DATABASE \"{name}\" {options}");
        await ExecuteAsync(admin, $"COMMENT ON DATABASE \"{name}\" IS '{Mark}{DateTime.UtcNow:O}'");
    }

    /// <summary>Drops the marked databases older than <see cref="Abandoned"/>.</summary>
    internal static async Task SweepAbandonedAsync(string admin)
    {
        var abandoned = new List<string>();
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var list = new NpgsqlCommand("SELECT datname, shobj_description(oid, 'pg_database') FROM pg_database WHERE datname LIKE 'cliniccms\\_%'", connection);
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                if (!reader.IsDBNull(1) && reader.GetString(1) is { } comment && comment.StartsWith(Mark, StringComparison.Ordinal)
                    && DateTime.TryParse(comment[Mark.Length..], CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var created)
                    && DateTime.UtcNow - created > Abandoned)
                {
                    abandoned.Add(reader.GetString(0));
                }
            }
        }
        foreach (var name in abandoned)
        {
            try
            {
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            }
            catch (PostgresException)
            {
                // not this role's to drop: left as it was
            }
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
