using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// Parsed and validated documents by query text, per schema: a query a frontend sends again skips parsing and the
/// document-only validation rules. Bounded: when full it starts over, which a working set of queries refills at once.
/// </summary>
public sealed class ParsedQueryCache(IOptions<GraphQLOptions> settings) : IConfigureExecution
{
    private readonly ConditionalWeakTable<ISchema, ConcurrentDictionary<string, GraphQLDocument>> _bySchema = [];

    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is null || options.Schema is null)
        {
            return await next(options);
        }
        var documents = _bySchema.GetValue(options.Schema, _ => new ConcurrentDictionary<string, GraphQLDocument>(StringComparer.Ordinal));
        if (documents.TryGetValue(options.Query, out var cached))
        {
            options.Document = cached;
            options.ValidationRules = options.CachedDocumentValidationRules ?? [];
            return await next(options);
        }
        var result = await next(options);
        if (result.Executed && result.Document is not null)
        {
            if (documents.Count >= settings.Value.DocumentCacheSize)
            {
                documents.Clear();
            }
            documents.TryAdd(options.Query, result.Document);
        }
        return result;
    }
}
