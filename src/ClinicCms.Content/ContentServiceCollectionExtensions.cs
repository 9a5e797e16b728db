using ClinicCms.Content.Audit;
using ClinicCms.Content.Changes;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.Content.Preparation;
using ClinicCms.Content.Import;
using ClinicCms.Content.Reading;
using ClinicCms.Content.Reading.Published;
using ClinicCms.Content.Reading.Sql;
using ClinicCms.Content.Store;
using ClinicCms.Content.Validation;
using ClinicCms.Content.Versions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

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
            services.AddDbContextPool<PostgresClinicCmsDbContext>((sp, o) => o.UseNpgsql(connectionString).AddInterceptors(sp.GetRequiredService<AnnounceAfterCommit>(), sp.GetRequiredService<AuditBeforeCommit>(), sp.GetRequiredService<Webhooks.WebhookOutboxBeforeCommit>(), sp.GetRequiredService<Search.SearchIndexer>()));
            services.AddScoped<ClinicCmsDbContext>(sp => sp.GetRequiredService<PostgresClinicCmsDbContext>());
            services.AddSingleton<Search.ISearchIndex, Search.PostgresSearchIndex>();
        }
        else
        {
            services.AddDbContextPool<SqliteClinicCmsDbContext>((sp, o) => o.UseSqlite(connectionString).AddInterceptors(sp.GetRequiredService<AnnounceAfterCommit>(), sp.GetRequiredService<AuditBeforeCommit>(), sp.GetRequiredService<Webhooks.WebhookOutboxBeforeCommit>(), sp.GetRequiredService<Search.SearchIndexer>()));
            services.AddSingleton(_ => new SqliteReadConnections(connectionString));
            services.AddScoped<ClinicCmsDbContext>(sp => sp.GetRequiredService<SqliteClinicCmsDbContext>());
            services.AddSingleton<Search.SqliteSearchIndex>();
            services.AddSingleton<Search.SearchSnapshotIndex>();
            services.AddSingleton<Search.ISearchIndex>(sp => sp.GetRequiredService<Search.SearchSnapshotIndex>());
        }
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ContentDefinitionStore.Cache>();
        services.AddSingleton<ContentChanges>();
        services.AddSingleton<AnnounceAfterCommit>();
        services.AddSingleton<AuditBeforeCommit>();
        services.TryAddSingleton<IAuditActor, NoAuditActor>();
        services.AddSingleton<Webhooks.WebhookOutboxBeforeCommit>();
        services.AddSingleton<Webhooks.WebhookSubscriptions>();
        services.AddSingleton<Webhooks.WebhookWakeup>();
        services.AddScoped<Webhooks.WebhookStore>();
        services.AddScoped<Webhooks.WebhookDeliveries>();
        services.AddScoped<Media.MediaChanges>();
        services.AddScoped<AuditTrail>();
        services.AddOptions<Search.SearchOptions>();
        services.AddSingleton<Search.SearchIndexer>();
        services.AddScoped<Search.IContentSearch, Search.ContentSearch>();
        services.AddScoped<Search.SearchIndexRebuild>();
        services.AddSingleton<ISiteLock, SingleInstanceSiteLock>();
        services.AddSingleton<PathPatternRenderer>();
        services.AddSingleton<HtmlCleaner>();
        services.AddSingleton<ContentItemPreparer>();
        services.AddBuiltInFieldKinds();
        services.AddScoped(sp => new SiteDocumentStore(sp.GetRequiredService<ClinicCmsDbContext>));
        services.AddScoped<ContentUnitOfWork>();
        services.AddScoped<ContentDefinitionStore>();
        services.AddScoped<PickerTargetValidator>();
        services.AddScoped<ContentService>();
        services.AddScoped<Scheduling.DueVersions>();
        services.AddSingleton<Localization.SiteCultures.Cache>();
        services.AddScoped<Localization.SiteCultures>();
        services.AddScoped<Security.RoleStore>();
        services.AddScoped<ContentImporter>();
        services.AddScoped<Queries.ContentExportReader>();
        services.AddScoped<Queries.AdminContentQueries>();
        services.AddScoped<Queries.ReviewLists>();
        AddReaders(services, provider, connectionString);
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

    /// <summary>
    /// <see cref="IContentReader"/>: SQL on either provider, decorated by the published index unless
    /// <see cref="ContentReadOptions.PublishedIndexMaxItems"/> is 0. On PostgreSQL the index learns of other instances'
    /// writes through <see cref="PublishedRevisionWatch"/>, which trusts its last check only while an
    /// <see cref="IChangeFeed"/> (Redis) is live.
    /// </summary>
    private static void AddReaders(IServiceCollection services, DatabaseProvider provider, string connectionString)
    {
        services.AddOptions<ContentReadOptions>();
        services.AddSingleton<PartsCache>();
        services.AddScoped(sp => new ReadSession(sp.GetRequiredService<ClinicCmsDbContext>, sp.GetService<SqliteReadConnections>()));
        services.AddScoped<ContentItemLoader>();
        services.AddScoped<SqlContentReader>();
        if (provider == DatabaseProvider.Postgres)
        {
            services.AddSingleton<PublishedRevisionWatch>();
            services.AddSingleton<IPublishedSource>(sp => new PostgresPublishedSource(connectionString,
                sp.GetRequiredService<PublishedRevisionWatch>(), sp.GetRequiredService<ILogger<PostgresPublishedSource>>()));
        }
        else
        {
            services.AddSingleton<IPublishedSource, SqlitePublishedSource>();
        }
        services.AddSingleton<PublishedIndex>();
        services.AddScoped<IContentReader>(sp => sp.GetRequiredService<IOptions<ContentReadOptions>>().Value.PublishedIndexMaxItems > 0
            ? new PublishedIndexReader(sp.GetRequiredService<SqlContentReader>(), sp.GetRequiredService<PublishedIndex>(),
                sp.GetRequiredService<ReadSession>(), sp.GetRequiredService<ContentItemLoader>(), sp.GetRequiredService<Localization.SiteCultures>())
            : sp.GetRequiredService<SqlContentReader>());
    }
}
