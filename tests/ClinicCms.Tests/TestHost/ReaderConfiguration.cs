namespace ClinicCms.Tests.TestHost;

/// <summary>
/// The content readers the GraphQL query tests run against, one host each: SQLite with the published index (the
/// default), SQLite through SQL alone, PostgreSQL through SQL alone, and PostgreSQL with the published index.
/// </summary>
public enum ReaderConfiguration
{
    IndexedSqlite,
    SqlSqlite,
    Postgres,
    IndexedPostgres,
}
