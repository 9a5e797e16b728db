using ClinicCms.Content.Definitions;
using ClinicCms.Content.Store;
using ClinicCms.GraphQL.Schema;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.GraphQL.Execution;

/// <summary>
/// The schema, cached per definitions version and built once under concurrency. A change made in this process is
/// seen at once (the change signal); one made by another process on the same database within a second (a poll).
/// </summary>
public sealed class SchemaService(ContentChangeSignal signal, TimeProvider clock) : IDisposable
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _building = new(1, 1);
    private Entry? _current;

    private sealed record Entry(long Version, ISchema Schema, long Stamp, DateTimeOffset CheckedUtc);

    /// <summary>The definitions version the current schema was built from.</summary>
    public long? Version => Volatile.Read(ref _current)?.Version;

    public async Task<ISchema> GetSchemaAsync(IServiceProvider requestServices, CancellationToken cancellationToken)
    {
        var current = Volatile.Read(ref _current);
        var stamp = signal.DefinitionsStamp;
        var now = clock.GetUtcNow();
        if (current is not null && current.Stamp == stamp && now - current.CheckedUtc < PollInterval)
        {
            return current.Schema;
        }
        var store = requestServices.GetRequiredService<ContentDefinitionStore>();
        var version = await store.VersionAsync(cancellationToken) ?? 0;
        if (current is not null && current.Version == version)
        {
            Volatile.Write(ref _current, current with { Stamp = stamp, CheckedUtc = now });
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
            var schema = ContentSchemaBuilder.Build(await store.GetAsync(cancellationToken));
            Volatile.Write(ref _current, new Entry(version, schema, stamp, now));
            return schema;
        }
        finally
        {
            _building.Release();
        }
    }

    /// <summary>Builds a schema from definitions directly, for the SDL snapshot and tools.</summary>
    public static ISchema Build(ContentDefinitionRecord definitions) => ContentSchemaBuilder.Build(definitions);

    public void Dispose() => _building.Dispose();
}
