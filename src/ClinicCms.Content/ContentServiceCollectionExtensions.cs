using ClinicCms.Content.Changes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Handlers;
using ClinicCms.Content.Import;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using ClinicCms.Content.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicCms.Content;

public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// The content model and store on the chosen provider; <see cref="ClinicCmsDbContext"/> resolves to that provider's
    /// context. Contexts are pooled: every GraphQL read resolves one, and building a context's services each time cost
    /// more than the SQL of a small query.
    /// </summary>
    public static IServiceCollection AddClinicCmsContent(this IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresClinicCmsDbContext>((sp, o) => o.UseNpgsql(connectionString).AddInterceptors(sp.GetRequiredService<AnnounceAfterCommit>()));
            services.AddScoped<ClinicCmsDbContext>(sp => sp.GetRequiredService<PostgresClinicCmsDbContext>());
        }
        else
        {
            services.AddDbContextPool<SqliteClinicCmsDbContext>((sp, o) => o.UseSqlite(connectionString).AddInterceptors(sp.GetRequiredService<AnnounceAfterCommit>()));
            services.AddSingleton(_ => new SqliteReadConnections(connectionString));
            services.AddScoped<ClinicCmsDbContext>(sp => sp.GetRequiredService<SqliteClinicCmsDbContext>());
        }
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContentDefinitionStore.Cache>();
        services.AddSingleton<ContentChanges>();
        services.AddSingleton<AnnounceAfterCommit>();
        services.AddSingleton<ISiteLock, SingleInstanceSiteLock>();
        services.AddSingleton<PathPatternRenderer>();
        services.AddSingleton<HtmlCleaner>();
        services.AddSingleton<ContentItemPreparer>();
        services.AddBuiltInFieldKinds();
        services.AddScoped<SiteDocumentStore>();
        services.AddScoped<ContentUnitOfWork>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddScoped<PickerTargetValidator>();
        services.AddScoped<ContentService>();
        services.AddScoped<Security.RoleStore>();
        services.AddScoped<ContentImporter>();
        services.AddScoped<Queries.ContentExportReader>();
        services.AddScoped<Queries.AdminContentQueries>();
        return services;
    }

    /// <summary>Adds a listener to every committed change (a singleton); see <see cref="IContentChangeListener"/>.</summary>
    public static IServiceCollection AddContentChangeListener<T>(this IServiceCollection services)
        where T : class, IContentChangeListener
    {
        services.TryAddSingleton<T>();
        services.AddSingleton<IContentChangeListener>(sp => sp.GetRequiredService<T>());
        return services;
    }
}
