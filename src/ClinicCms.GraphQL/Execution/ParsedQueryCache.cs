using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.DI;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// Parsed and validated documents by query text, per schema: a query a frontend sends again skips parsing and the
/// document-only validation rules, and keeps only the rules its variables can fail (<see cref="GraphQLValidationRules.ForCachedDocument"/>).
/// Bounded: when full it starts over, which a working set of queries refills at once.
/// </summary>
public sealed class ParsedQueryCache(IOptions<GraphQLOptions> settings, GraphQLValidationRules rules) : IConfigureExecution
{
    private readonly ConditionalWeakTable<ISchema, ConcurrentDictionary<string, Parsed>> _bySchema = [];

    private sealed record Parsed(GraphQLDocument Document, IValidationRule[] Rules);

    public float SortOrder => 200;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        if (options.Document is not null || options.Query is null || options.Schema is null)
        {
            return await next(options);
        }
        var documents = _bySchema.GetValue(options.Schema, _ => new ConcurrentDictionary<string, Parsed>(StringComparer.Ordinal));
        if (documents.TryGetValue(options.Query, out var cached))
        {
            options.Document = cached.Document;
            options.ValidationRules = cached.Rules;
            return await next(options);
        }
        var result = await next(options);
        if (result.Executed && result.Document is not null)
        {
            if (documents.Count >= settings.Value.DocumentCacheSize)
            {
                documents.Clear();
            }
            documents.TryAdd(options.Query, new Parsed(result.Document, rules.ForCachedDocument(result.Document)));
        }
        return result;
    }
}
