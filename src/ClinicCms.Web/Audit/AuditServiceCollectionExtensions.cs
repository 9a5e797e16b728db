using ClinicCms.Content.Audit;

namespace ClinicCms.Web.Audit;

public static class AuditServiceCollectionExtensions
{
    /// <summary>The audit trail's request user and address.</summary>
    public static IServiceCollection AddClinicCmsAudit(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<IAuditActor, RequestAuditActor>();
        return services;
    }
}
