using ClinicCms.Content.Audit;

namespace ClinicCms.Web.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail's request user and address, its settings, and the daily retention pass.</summary>
    public static IServiceCollection AddClinicCmsAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditActor, RequestAuditActor>();
        services.Configure<AuditOptions>(configuration.GetSection(AuditOptions.Section));
        services.AddSingleton<AuditRetention>();
        services.AddHostedService(sp => sp.GetRequiredService<AuditRetention>());
        return services;
    }
}
