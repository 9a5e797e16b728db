namespace ClinicCms.Web.Setup;

public static class SetupExtensions
{
    /// <summary>Migrates the database and runs the setup recipe if the site was never set up.</summary>
    public static async Task SetUpClinicCmsAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var migrator = scope.ServiceProvider.GetRequiredService<SiteMigrator>();
        // Instances starting together take turns; the database's own locks back this up on one host.
        await using (await scope.ServiceProvider.GetRequiredService<ClinicCms.Content.Store.ISiteLock>().AcquireAsync("setup", cancellationToken))
        {
            await migrator.MigrateAsync(cancellationToken);
            // The setup service brings the recipe steps, users and everything they use: only a new site needs them.
            if (!await migrator.IsSetUpAsync(cancellationToken))
            {
                await scope.ServiceProvider.GetRequiredService<SetupService>().SetUpAsync(cancellationToken: cancellationToken);
            }
        }
    }
}
