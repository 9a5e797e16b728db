namespace ClinicCms.Web.Admin;

public static class AdminServiceCollectionExtensions
{
    public static IServiceCollection AddClinicCmsAdmin(this IServiceCollection services)
    {
        services.AddSingleton<ContentForm>();
        services.AddScoped<AdminActions>();
        services.AddScoped<DefinitionEditor>();
        return services;
    }
}
