namespace ClinicCms.Web.Setup;

public static class SetupExtensions
{
    /// <summary>Migrates the database and runs the setup recipe if the site was never set up.</summary>
    public static async Task SetUpClinicCmsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var setup = scope.ServiceProvider.GetRequiredService<SetupService>();
        // Instances starting together take turns; the database's own locks back this up on one host.
        await using (await scope.ServiceProvider.GetRequiredService<ClinicCms.Content.Store.ISiteLock>().AcquireAsync("setup", cancellationToken))
        {
            await setup.MigrateAsync(cancellationToken);
            await setup.SetUpAsync(cancellationToken: cancellationToken);
        }
    }
}
