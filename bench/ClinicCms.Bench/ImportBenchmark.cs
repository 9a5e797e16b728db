using System.Diagnostics;
using ClinicCms.Content;
using ClinicCms.Content.Store;
using ClinicCms.Recipes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Bench;

/// <summary>
/// Recipe import speed: each run sets up a new SQLite site with the clinic recipe's types, then times the import of
/// the generated recipe (read, checked and applied in one transaction, as `recipe run` does).
/// </summary>
public static class ImportBenchmark
{
    public static async Task<double> RunOnceAsync(string clinicRecipe, string generatedRecipe, string folder)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddClinicCmsContent(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(folder, "bench.db")}");
        services.AddClinicCmsRecipes();
        await using var provider = services.BuildServiceProvider();
        await using (var scope = provider.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClinicCmsDbContext>();
            await db.Database.MigrateAsync();
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
            await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().RunAsync(RecipeReader.ReadFile(clinicRecipe), new RecipeRunOptions());
        }
        await using (var scope = provider.CreateAsyncScope())
        {
            var clock = Stopwatch.StartNew();
            var report = await scope.ServiceProvider.GetRequiredService<RecipeExecutor>().RunAsync(RecipeReader.ReadFile(generatedRecipe), new RecipeRunOptions());
            clock.Stop();
            SqliteConnection.ClearAllPools();
            return report.ItemsCreated / clock.Elapsed.TotalSeconds;
        }
    }
}
