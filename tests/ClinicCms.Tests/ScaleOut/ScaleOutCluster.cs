using ClinicCms.Tests.GraphQL;
using ClinicCms.Tests.Security;
using ClinicCms.Tests.TestHost;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClinicCms.Tests.ScaleOut;

/// <summary>
/// Two instances of the app, each with its own data folder, on one new PostgreSQL database and one private Redis,
/// started at the same moment as a load balancer's pool would be. The security tests' access recipe then runs on A,
/// unless <see cref="AccessRecipe"/> is turned off (anonymous callers then read published content).
/// </summary>
public sealed class ScaleOutCluster : IAsyncLifetime
{
    private PostgresDatabase? _database;

    public bool AccessRecipe { get; init; } = true;

    /// <summary>Settings of both instances beyond the database and Redis.</summary>
    public IDictionary<string, string> Settings { get; init; } = new Dictionary<string, string>();

    /// <summary>Services of instance B that a test replaces or watches.</summary>
    public Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? ServicesOfB { get; init; }

    /// <summary>The instances' database, for writes made as another process would make them.</summary>
    public string DatabaseConnectionString => _database!.ConnectionString;

    public RedisServer Redis { get; private set; } = null!;

    public ClinicCmsApp A { get; private set; } = null!;

    public ClinicCmsApp B { get; private set; } = null!;

    /// <summary>What the cluster lacked to start; tests call <see cref="Require"/> first, so they skip (or fail under CI) naming it.</summary>
    private string? _missing;

    public void Require()
    {
        if (_missing is not null)
        {
            ServiceRequirement.Missing(_missing);
        }
    }

    public async ValueTask InitializeAsync()
    {
        // A class fixture cannot skip its tests, so it notes what is missing and lets each test say so.
        _missing = !ServiceRequirement.HasPostgres ? ServiceRequirement.PostgresName : !RedisServer.Installed ? RedisServer.Name : null;
        if (_missing is not null)
        {
            return;
        }
        _database = await PostgresDatabase.CreateAsync();
        Redis = await RedisServer.StartAsync();
        A = Instance(null);
        B = Instance(ServicesOfB);
        // Both hosts start (migrate, set up) concurrently; each blocks in its own thread until it is up.
        await Task.WhenAll(Task.Run(() => A.Services), Task.Run(() => B.Services));
        if (AccessRecipe)
        {
            await A.RunRecipeAsync(SecuredSite.Recipe);
        }
    }

    public static HttpClient Client(ClinicCmsApp instance) => instance.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>GraphQL on an instance as the frontend's API client, with a token issued by <paramref name="issuer"/>.</summary>
    public static async Task<GraphQLClient> FrontendAsync(ClinicCmsApp instance, ClinicCmsApp issuer) =>
        new(new SecuredSite(instance).WithToken(await new SecuredSite(issuer).TokenAsync("reader-app", "Reader-app-secret-1")));

    public async ValueTask DisposeAsync()
    {
        if (A is not null)
        {
            await A.DisposeAsync();
        }
        if (B is not null)
        {
            await B.DisposeAsync();
        }
        Redis?.Dispose();
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }

    private ClinicCmsApp Instance(Action<Microsoft.Extensions.DependencyInjection.IServiceCollection>? services) => new(services: services, settings: new Dictionary<string, string>(Settings)
    {
        ["ClinicCms:Database:Provider"] = "Postgres",
        ["ConnectionStrings:ClinicCms"] = _database!.ConnectionString,
        ["ClinicCms:Redis:Configuration"] = Redis.Configuration,
    });
}
