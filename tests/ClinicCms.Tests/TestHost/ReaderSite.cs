namespace ClinicCms.Tests.TestHost;

/// <summary>
/// One site shared by the tests of a class, on one reader configuration; started by the first test that asks for it,
/// so that a configuration whose database is absent skips its tests (PostgreSQL without CLINICCMS_TEST_POSTGRES) or,
/// under CI, fails them. On a run with CLINICCMS_TEST_DATABASE=postgres the SQLite configurations skip: the default
/// run covers them.
/// </summary>
public abstract class ReaderSite(ReaderConfiguration configuration, string? setupRecipe = null) : IAsyncDisposable
{
    private Task<ClinicCmsApp>? _started;

    public ReaderConfiguration Configuration { get; } = configuration;

    /// <summary>Whether the site's database is PostgreSQL.</summary>
    public bool OnPostgres => Configuration is ReaderConfiguration.Postgres or ReaderConfiguration.IndexedPostgres;

    /// <summary>Whether the published index answers the site's reads.</summary>
    public bool Indexed => Configuration is ReaderConfiguration.IndexedSqlite or ReaderConfiguration.IndexedPostgres;

    /// <summary>Settings of the site beyond the reader's own.</summary>
    protected virtual IDictionary<string, string> Settings => new Dictionary<string, string>();

    public Task<ClinicCmsApp> AppAsync()
    {
        if (OnPostgres)
        {
            ServiceRequirement.Postgres();
        }
        else if (ServiceRequirement.OnPostgres)
        {
            Assert.Skip("This test run is on PostgreSQL; the SQLite readers run in the default run.");
        }
        return _started ??= StartAsync();
    }

    /// <summary>Services the tests replace or watch (a SQL command counter).</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>What the site needs beyond its setup recipe, once it runs.</summary>
    protected virtual Task SeedAsync(ClinicCmsApp app) => Task.CompletedTask;

    private async Task<ClinicCmsApp> StartAsync()
    {
        var settings = Settings;
        if (Configuration is ReaderConfiguration.SqlSqlite or ReaderConfiguration.Postgres)
        {
            settings["ClinicCms:GraphQL:PublishedIndexMaxItems"] = "0";
        }
        var app = new ClinicCmsApp(setupRecipe, ConfigureServices, settings, postgres: OnPostgres);
        _ = app.CreateClient();
        await SeedAsync(app);
        return app;
    }

    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        if (_started is { IsCompletedSuccessfully: true } started)
        {
            await (await started).DisposeAsync();
        }
    }
}
