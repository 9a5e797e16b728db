using ClinicCms.Content;
using ClinicCms.GraphQL.Execution;
using ClinicCms.GraphQL.Queries;
using ClinicCms.Content.Reading;
using ClinicCms.GraphQL.Rendering;
using GraphQL;
using GraphQL.Execution;
using GraphQL.SystemTextJson;
using GraphQLParser.AST;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClinicCms.GraphQL;

public static class GraphQLServiceCollectionExtensions
{
    /// <summary>The GraphQL API: schema and document caches, the executer (serial, since resolvers share the request's content reader), serializer.</summary>
    public static IServiceCollection AddClinicCmsGraphQL(this IServiceCollection services, IConfiguration configuration, bool exposeExceptions)
    {
        services.Configure<GraphQLOptions>(configuration.GetSection(GraphQLOptions.Section));
        // Media urls take the sizes the media endpoint serves, which are set in the media section.
        services.PostConfigure<GraphQLOptions>(o => o.MediaSizes = ClinicCms.Content.Media.ImageSizes.OrDefault(configuration.GetSection("ClinicCms:Media:SupportedSizes").Get<int[]>()));
        services.AddSingleton<SchemaService>();
        services.AddSingleton<ParsedQueryCache>();
        services.AddContentChangeListener<ResponseCache>();
        services.AddSingleton<RequestKeys>();
        services.AddSingleton<ReadDependencyCache>();
        services.AddSingleton<MaxResultsValidationRule>();
        services.AddSingleton<GraphQLValidationRules>();
        services.AddSingleton<MarkdownRenderer>();
        services.AddSingleton<IDocumentExecuter>(sp => CreateExecuter(sp,
            new DefaultExecutionStrategySelector([new ExecutionStrategyRegistration(KeptFieldsStrategy.Instance, OperationType.Query)])));
        var serializer = new ResultSerializer(new ErrorInfoProvider(o => o.ExposeExceptionDetails = exposeExceptions));
        services.AddSingleton(serializer);
        services.AddSingleton<IGraphQLSerializer>(serializer);
        services.AddSingleton<IGraphQLTextSerializer>(serializer);
        services.TryAddSingleton<IContentReadAccess, PublishedOnlyAccess>();
        // Neither keeps anything of a request: one each for the app, not one per request.
        services.AddSingleton<GraphQLRequestReader>();
        services.AddSingleton<GraphQLExecutor>();
        return services;
    }

    /// <summary>The executer with the document caches and the cached documents' validator, running queries as <paramref name="strategies"/> choose.</summary>
    internal static IDocumentExecuter CreateExecuter(IServiceProvider services, IExecutionStrategySelector strategies) =>
        new DocumentExecuter(new GraphQLDocumentBuilder(), new CachedDocumentValidator(), strategies, [services.GetRequiredService<ParsedQueryCache>()]);
}
