using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClinicCms.Tests.TestHost;

/// <summary>
/// The whole app over real HTTP, on a new data folder with its own SQLite file; set up on start from the clinic
/// recipe, or from <paramref name="setupRecipe"/>. The folder goes on dispose. The site gets the test run's token
/// keys (<see cref="TokenKeys"/>) unless <paramref name="newTokenKeys"/> asks it to make its own. <paramref name="postgres"/>
/// chooses the database; by default the test run's (<see cref="ServiceRequirement.OnPostgres"/>). The site logs
/// through NLog, to its data folder and the console, only when <paramref name="writeLogs"/> asks: the tests that
/// read the log files do. A new SQLite site of the clinic recipe starts from a copy of one data folder that the
/// app's setup prepared for the test run (<see cref="CoreSite.CopyPreparedAsync"/>): the same database a setup of
/// its own would write, without migrating and importing again on every host. <paramref name="freshSetup"/> makes the
/// host set itself up, for the tests of setup; so do a setup recipe, a data folder passed in, logs, settings of
/// setup or recipes, and PostgreSQL.
/// </summary>
public sealed class ClinicCmsApp(string? setupRecipe = null, Action<IServiceCollection>? services = null, IDictionary<string, string>? settings = null,
    string environment = "Development", TempFolder? data = null, bool newTokenKeys = false, bool? postgres = null, bool writeLogs = false,
    bool freshSetup = false)
    : WebApplicationFactory<Program>
{
    public const string AdminPassword = "Test-admin-password-1";

    /// <summary>A setup recipe with no steps: a site with only the system roles and the administrator.</summary>
    public static string EmptyRecipe => Path.Combine(AppContext.BaseDirectory, "TestHost", "Files", "empty.recipe.json");

    /// <summary>The data folder; one passed in is shared with another instance and outlives this one (a restart).</summary>
    public TempFolder Data { get; } = data ?? new TempFolder();

    public string DatabaseFile => Path.Combine(Data.Path, "Sites", "Default", "clinic.db");

    // A recipe the prepared site was given after setup, as if run on this site once it started.
    private string? _preparedRecipe;

    /// <summary>
    /// Before the site starts: when it starts from a prepared copy, has <paramref name="recipe"/> run on that copy
    /// beforehand (once for the test run) and returns true; otherwise returns false and the caller runs the recipe.
    /// </summary>
    public bool PrepareWith(string recipe)
    {
        if (!StartsFromPreparedSite)
        {
            return false;
        }
        _preparedRecipe = recipe;
        return true;
    }

    // On a PostgreSQL test run, the data folder's database is named after the folder, so a restart finds it again.

    /// <summary>Serves the app over a real socket on 127.0.0.1 (for a browser) and returns its address.</summary>
    public string StartOnLoopback()
    {
        UseKestrel(o => o.Listen(System.Net.IPAddress.Loopback, 0));
        StartServer();
        Addresses = [.. Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features
            .Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!.Addresses.Select(a => a.TrimEnd('/'))];
        // Plain HTTP; endpoints from Kestrel settings (HTTPS) are listed in Addresses too.
        var http = Addresses.First(a => a.StartsWith("http://", StringComparison.Ordinal));
        LoopbackAddress = new Uri(http);
        return http;
    }

    /// <summary>Every address the started server listens on.</summary>
    public IReadOnlyList<string> Addresses { get; private set; } = [];

    /// <summary>Where the app listens once <see cref="StartOnLoopback"/> ran; clients are pointed there.</summary>
    public Uri? LoopbackAddress { get; private set; }


    /// <summary>Runs a recipe file on the started site; [file:...] paths are relative to <paramref name="basePath"/>.</summary>
    public Task<ClinicCms.Recipes.RecipeReport> RunRecipeAsync(string path, string? basePath = null) => InScopeAsync(async sp =>
    {
        await using var stream = File.OpenRead(path);
        var recipe = ClinicCms.Recipes.RecipeReader.Read(stream, Path.GetFileName(path), basePath ?? Path.GetDirectoryName(path)!);
        return await sp.GetRequiredService<ClinicCms.Recipes.RecipeExecutor>().RunAsync(recipe, new ClinicCms.Recipes.RecipeRunOptions());
    });

    /// <summary>Runs a recipe given as JSON text; [file:...] paths are relative to the temporary folder.</summary>
    public Task<ClinicCms.Recipes.RecipeReport> RunRecipeTextAsync(string json, string fileName) => InScopeAsync(sp =>
    {
        using var stream = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(json));
        var recipe = ClinicCms.Recipes.RecipeReader.Read(stream, fileName, Path.GetTempPath());
        return sp.GetRequiredService<ClinicCms.Recipes.RecipeExecutor>().RunAsync(recipe, new ClinicCms.Recipes.RecipeRunOptions());
    });

    public async Task<T> InScopeAsync<T>(Func<IServiceProvider, Task<T>> action)
    {
        await using var scope = Services.CreateAsyncScope();
        return await action(scope.ServiceProvider);
    }

    // A test that counts queries begins after the start warm-up's queries, so it counts only its own.
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (host.Services.GetService<SqlCommandCounter>() is not null && host.Services.GetService<ClinicCms.Web.Hosting.StartWarmup>() is { } warmup
            && !warmup.Completed.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("The start warm-up did not end within a minute.");
        }
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("ClinicCms:AppDataPath", Data.Path);
        if (StartsFromPreparedSite && !File.Exists(DatabaseFile))
        {
            // Blocks the thread that builds the host, as the host's own start does.
            CoreSite.CopyPreparedAsync(null, _preparedRecipe, Data.Path).GetAwaiter().GetResult();
        }
        if (!newTokenKeys)
        {
            TokenKeys.WriteInto(Data.Path);
        }
        if (postgres ?? ServiceRequirement.OnPostgres)
        {
            builder.UseSetting("ClinicCms:Database:Provider", "Postgres");
            builder.UseSetting("ConnectionStrings:ClinicCms", Data.Database.ConnectionString);
        }
        else
        {
            // Pooling off, so that the file can be deleted when the test ends.
            builder.UseSetting("ConnectionStrings:ClinicCms", $"Data Source={DatabaseFile};Pooling=False");
        }
        builder.UseSetting("ClinicCms:Setup:AdminPassword", AdminPassword);
        // The scheduler's check would fall into other tests' SQL command counts; the scheduling tests turn it on.
        builder.UseSetting("ClinicCms:Scheduling:Enabled", "false");
        // So would the webhook deliverer's; the webhook tests turn it on.
        builder.UseSetting("ClinicCms:Webhooks:SendDeliveries", "false");
        // Every test client comes from one address; the search limit's tests turn it on.
        builder.UseSetting("ClinicCms:Security:Search:PermitLimit", "0");
        if (setupRecipe is not null)
        {
            builder.UseSetting("ClinicCms:Setup:Recipe", setupRecipe);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            builder.UseSetting(key, value);
        }
        if (!writeLogs)
        {
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
        builder.ConfigureServices(s => s.HashWithTestRounds());
        if (services is not null)
        {
            builder.ConfigureServices(services);
        }
    }

    private bool StartsFromPreparedSite =>
        !freshSetup && setupRecipe is null && data is null && !writeLogs && !(postgres ?? ServiceRequirement.OnPostgres)
        && (settings ?? new Dictionary<string, string>()).Keys.All(k => !k.StartsWith("ClinicCms:Setup", StringComparison.OrdinalIgnoreCase)
            && !k.StartsWith("ClinicCms:RecipesPath", StringComparison.OrdinalIgnoreCase) && !k.StartsWith("ClinicCms:Database", StringComparison.OrdinalIgnoreCase)
            && !k.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase) && !k.StartsWith("ClinicCms:AppDataPath", StringComparison.OrdinalIgnoreCase));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && data is null)
        {
            Data.Dispose(); // and its database
        }
    }
}
