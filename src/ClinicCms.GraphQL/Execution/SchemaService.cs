using ClinicCms.Content.Definitions;
using ClinicCms.Content.Fields;
using ClinicCms.GraphQL.Schema;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// The schema, cached per definitions version and built once under concurrency. The definitions store says when
/// the version changed: at once for a change made in this process, within a second for one made by another.
/// </summary>
public sealed class SchemaService(ContentFieldKinds fieldKinds) : IDisposable
{
    private readonly SemaphoreSlim _building = new(1, 1);
    private Entry? _current;

    private sealed record Entry(long Version, ISchema Schema);

    public async Task<ISchema> GetSchemaAsync(IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        var (version, definitions) = await requestServices.GetRequiredService<ContentDefinitionStore>().GetWithVersionAsync(cancellationToken);
        var current = Volatile.Read(ref _current);
        if (current is not null && current.Version == version)
        {
            return current.Schema;
        }
        await _building.WaitAsync(cancellationToken);
        try
        {
            current = Volatile.Read(ref _current);
            if (current is not null && current.Version == version)
            {
                return current.Schema;
            }
            var schema = ContentSchemaBuilder.Build(definitions, fieldKinds);
            Volatile.Write(ref _current, new Entry(version, schema));
            return schema;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Builds a schema from definitions directly, for the SDL snapshot and tools.</summary>
    public static ISchema Build(ContentDefinitionSet definitions) => ContentSchemaBuilder.Build(definitions, ContentFieldKinds.BuiltIn);

    public void Dispose() => _building.Dispose();
}
