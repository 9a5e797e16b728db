using ClinicCms.Content.Store;

namespace ClinicCms.Content.Definitions;

/// <summary>
/// Loads and saves the content definitions document. The parsed document is cached per version, so readers
/// (validation, GraphQL) pay one small query to learn whether definitions changed, never a re-parse.
/// </summary>
public sealed class ContentDefinitionStore(SiteDocumentStore documents, ContentDefinitionCache cache)
{
    /// <summary>The current definitions. Treat as read-only: alter a <see cref="ContentDefinitionRecord.Copy"/> and save that.</summary>
    public async Task<ContentDefinitionRecord> GetAsync(CancellationToken cancellationToken = default)
    {
        var version = await documents.VersionAsync(SiteDocumentNames.ContentDefinitions, cancellationToken) ?? 0;
        if (cache.TryGet(version, out var cached))
        {
            return cached;
        }
        var document = await documents.FindAsync(SiteDocumentNames.ContentDefinitions, cancellationToken);
        var record = document is null ? new ContentDefinitionRecord() : ContentDefinitionRecord.FromJson(document.Content);
        cache.Set(document?.Version ?? 0, record);
        return record;
    }

    public Task<long?> VersionAsync(CancellationToken cancellationToken = default) =>
        documents.VersionAsync(SiteDocumentNames.ContentDefinitions, cancellationToken);

    public Task<long> SaveAsync(ContentDefinitionRecord record, CancellationToken cancellationToken = default) =>
        documents.SaveAsync(SiteDocumentNames.ContentDefinitions, record.ToJson(), cancellationToken);
}
