using ClinicCms.GraphQL.Execution;
using ClinicCms.Web.Security;

namespace ClinicCms.Web.Hosting;

/// <summary>
/// Loads what every first request needs (the roles' permissions, the site settings, the GraphQL schema) on another
/// thread while the server starts, so the first request finds them loaded (or, for the schema, joins its build)
/// instead of starting it. A failure here is only logged: the first request that needs the piece loads it again and
/// reports what failed. <see cref="Completed"/> lets tests that count queries begin after it.
/// </summary>
public sealed partial class StartWarmup(IServiceScopeFactory scopes, RolePermissionCache permissions, SiteSettingsCache settings, SchemaService schemas,
    ILogger<StartWarmup> logger) : BackgroundService
{
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Done when the warm-up ended, loaded or not.</summary>
    public Task Completed => _completed.Task;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            await permissions.GetAsync(scope.ServiceProvider, stoppingToken);
            await settings.GetAsync(scope.ServiceProvider, stoppingToken);
            await schemas.GetSchemaAsync(scope.ServiceProvider, stoppingToken);
        }
        catch (Exception e) when (!stoppingToken.IsCancellationRequested)
        {
            LogFailed(e);
        }
        finally
        {
            _completed.TrySetResult();
        }
    }

    [LoggerMessage(LogLevel.Warning, "Loading permissions, settings and the GraphQL schema at start failed; the first request loads them again")]
    private partial void LogFailed(Exception exception);
}
