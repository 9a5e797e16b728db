using ClinicCms.Content.Changes;
using ClinicCms.Content.Store;

namespace ClinicCms.Content.Definitions;

/// <summary>
/// Loads and saves the content definitions document. Readers (validation, permissions, GraphQL) share one parsed
/// copy per version and ask the database whether it changed at most once a second, or at once after a change is
/// announced. Saving announces a definitions change when the transaction commits (the document store does that).
/// </summary>
public sealed class ContentDefinitionStore(SiteDocumentStore documents, ContentDefinitionStore.Cache cache)
{
    /// <summary>The parsed definitions of the last version read, shared by all requests.</summary>
    public sealed class Cache(ContentChanges changes, TimeProvider clock)
        : VersionedCache<ContentDefinitionSet>(() => changes.DefinitionsStamp, PollInterval, clock)
    {
        public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);
    }

    /// <summary>The current definitions. Treat as read-only: alter a <see cref="ContentDefinitionSet.Copy"/> and save that.</summary>
    public async Task<ContentDefinitionSet> GetAsync(CancellationToken cancellationToken = default) =>
        (await GetWithVersionAsync(cancellationToken)).Record;

    /// <summary>The current definitions and their version (0 when none were ever saved).</summary>
    public async Task<(long Version, ContentDefinitionSet Record)> GetWithVersionAsync(CancellationToken cancellationToken = default) =>
        cache.TryGetFresh(out var version, out var record) ? (version, record) : await cache.GetAsync(
            async ct => await documents.VersionAsync(SiteDocumentNames.ContentDefinitions, ct) ?? 0,
            async ct =>
            {
                var document = await documents.FindAsync(SiteDocumentNames.ContentDefinitions, ct);
                return (document?.Version ?? 0, document is null ? new ContentDefinitionSet() : ContentDefinitionSet.FromJson(document.Content));
            },
            cancellationToken);

    /// <summary>Saves the definitions; the commit announces a definitions change for each type that was added, changed or removed.</summary>
    public async Task<long> SaveAsync(ContentDefinitionSet record, CancellationToken cancellationToken = default)
    {
        var before = await GetAsync(cancellationToken);
        var types = ChangedTypes.Between(before, record).Select(ContentChange.DefinitionsOf).ToList();
        return await documents.SaveAsync(SiteDocumentNames.ContentDefinitions, record.ToJson(), Audit.DefinitionChanges.Describe(before, record), types, cancellationToken);
    }
}
