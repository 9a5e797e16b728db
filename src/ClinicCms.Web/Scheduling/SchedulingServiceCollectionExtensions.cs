namespace ClinicCms.Web.Scheduling;

public static class SchedulingServiceCollectionExtensions
{
    /// <summary>The scheduler of PublishLaterPart and ArchiveLaterPart times, as a hosted service unless <c>ClinicCms:Scheduling:Enabled</c> is false.</summary>
    public static IServiceCollection AddClinicCmsScheduling(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SchedulingOptions>(configuration.GetSection(SchedulingOptions.Section));
        services.AddSingleton<PublishScheduler>();
        if (configuration.GetSection(SchedulingOptions.Section).Get<SchedulingOptions>()?.Enabled != false)
        {
            services.AddHostedService(sp => sp.GetRequiredService<PublishScheduler>());
        }
        return services;
    }
}
