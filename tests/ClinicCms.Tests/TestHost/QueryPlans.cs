using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Tests.TestHost;

/// <summary>The database's plan for a query EF Core would send: SQLite's EXPLAIN QUERY PLAN or PostgreSQL's EXPLAIN, a line per step.</summary>
public static class QueryPlans
{
    public static bool IsPostgres(DbContext db) => db.Database.ProviderName!.Contains("Npgsql", StringComparison.Ordinal);

    public static async Task<string> ExplainAsync<T>(DbContext db, IQueryable<T> query)
    {
        var postgres = IsPostgres(db);
        await using var command = query.CreateDbCommand();
        command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + command.CommandText;
        await db.Database.OpenConnectionAsync();
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(postgres ? 0 : 3)); // SQLite: id, parent, notused, detail
        }
        return string.Join("\n", lines);
    }
}
