namespace ClinicCms.Tests.TestHost;

/// <summary>
/// The content readers the GraphQL query tests run against, one host each: SQLite with the published index (the
/// default), SQLite through SQL alone, and PostgreSQL.
/// </summary>
public enum ReaderConfiguration
{
    IndexedSqlite,
    SqlSqlite,
    Postgres,
}
