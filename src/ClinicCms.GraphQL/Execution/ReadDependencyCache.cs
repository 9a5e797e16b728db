using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace ClinicCms.GraphQL.Execution;

/// <summary>The <see cref="ReadDependencies"/> of each normalized query and operation, per schema, worked out once.</summary>
public sealed class ReadDependencyCache(IOptions<GraphQLOptions> settings)
{
    private readonly ConditionalWeakTable<ISchema, ConcurrentDictionary<string, ReadDependencies>> _bySchema = [];

    public ReadDependencies For(ISchema schema, string normalizedQuery, string? operationName, Func<GraphQLDocument> document, Func<string, bool> isContentType)
    {
        var plans = _bySchema.GetValue(schema, _ => new ConcurrentDictionary<string, ReadDependencies>(StringComparer.Ordinal));
        var key = (operationName ?? "") + "\u001f" + normalizedQuery;
        if (plans.TryGetValue(key, out var known))
        {
            return known;
        }
        if (plans.Count >= settings.Value.DocumentCacheSize)
        {
            plans.Clear();
        }
        return plans[key] = ReadDependencies.Of(document(), operationName, schema, isContentType);
    }
}
