namespace ClinicCms.Tests.TestHost;

/// <summary>Tests that need something outside the repository skip when it is absent, but fail under CI (CI=true), where it must be there.</summary>
public static class ServiceRequirement
{
    public static bool UnderCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static void Missing(string what)
    {
        if (UnderCi)
        {
            Assert.Fail($"{what} is required under CI, and it is absent.");
        }
        Assert.Skip($"{what} is absent; this test needs it.");
    }

    /// <summary>The PostgreSQL server for store tests: CLINICCMS_TEST_POSTGRES holds a connection string to a server where the tests may create databases.</summary>
    public static string Postgres()
    {
        var connectionString = Environment.GetEnvironmentVariable("CLINICCMS_TEST_POSTGRES");
        if (string.IsNullOrEmpty(connectionString))
        {
            Missing(PostgresName);
        }
        return connectionString!;
    }

    public const string PostgresName = "PostgreSQL (CLINICCMS_TEST_POSTGRES, a connection string)";

    public static bool HasPostgres => !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CLINICCMS_TEST_POSTGRES"));

    /// <summary>
    /// The database the app and store tests run on: SQLite files by default; CLINICCMS_TEST_DATABASE=postgres runs
    /// them on new PostgreSQL databases instead (CI runs the recipe and GraphQL tests both ways).
    /// </summary>
    public static bool OnPostgres => string.Equals(Environment.GetEnvironmentVariable("CLINICCMS_TEST_DATABASE"), "postgres", StringComparison.OrdinalIgnoreCase);
}
