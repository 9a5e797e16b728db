using ClinicCms.Content.Store;

namespace ClinicCms.Content.Definitions;

/// <summary>
/// Loads and saves the content definitions document. Readers (validation, permissions, GraphQL) share one parsed
/// copy per version and ask the database whether it changed at most once a second, or at once after a change here.
/// </summary>
public sealed class ContentDefinitionStore(SiteDocumentStore documents, ContentDefinitionCache cache, ContentChangeSignal signal, TimeProvider clock)
{
    /// <summary>The current definitions. Treat as read-only: alter a <see cref="ContentDefinitionRecord.Copy"/> and save that.</summary>
    public async Task<ContentDefinitionRecord> GetAsync(CancellationToken cancellationToken = default) =>
        (await GetWithVersionAsync(cancellationToken)).Record;

    /// <summary>The current definitions and their version (0 when none were ever saved).</summary>
    public async Task<(long Version, ContentDefinitionRecord Record)> GetWithVersionAsync(CancellationToken cancellationToken = default)
    {
        var stamp = signal.DefinitionsStamp;
        var now = clock.GetUtcNow();
        if (cache.TryGetFresh(stamp, now, out var freshVersion, out var fresh))
        {
            return (freshVersion, fresh);
        }
        var version = await documents.VersionAsync(SiteDocumentNames.ContentDefinitions, cancellationToken) ?? 0;
        if (cache.TryConfirm(version, stamp, now, out var confirmed))
        {
            return (version, confirmed);
        }
        var document = await documents.FindAsync(SiteDocumentNames.ContentDefinitions, cancellationToken);
        var record = document is null ? new ContentDefinitionRecord() : ContentDefinitionRecord.FromJson(document.Content);
        cache.Set(document?.Version ?? 0, record, stamp, now);
        return (document?.Version ?? 0, record);
    }

    public Task<long> SaveAsync(ContentDefinitionRecord record, CancellationToken cancellationToken = default) =>
        documents.SaveAsync(SiteDocumentNames.ContentDefinitions, record.ToJson(), cancellationToken);
}
