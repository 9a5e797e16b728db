using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using Microsoft.EntityFrameworkCore;

namespace ClinicCms.Content.Reading.Sql;

/// <summary>The reader that asks the database, on SQLite or PostgreSQL, every time; one per scope, on the scope's <see cref="ReadSession"/>.</summary>
internal sealed class SqlContentReader(ReadSession session, ContentItemLoader loader, Localization.SiteCultures cultures) : IContentReader
{
    private ContentQueryTranslator? _translator;

    public async Task<IReadOnlyList<ContentItem>> ListAsync(ContentQuery query, CancellationToken cancellationToken)
    {
        var translator = await TranslatorAsync(query, cancellationToken);
        var page = translator.Order(translator.Filter(query, await cultures.FallbackOfAsync(query, cancellationToken)), query).Skip(query.Skip).Take(query.First);
        return await loader.ReadAsync(page, cancellationToken);
    }

    public async Task<int> CountAsync(ContentQuery query, CancellationToken cancellationToken) =>
        await (await TranslatorAsync(query, cancellationToken)).Filter(query, await cultures.FallbackOfAsync(query, cancellationToken)).CountAsync(cancellationToken);

    public async Task<ContentItem?> FindPublishedAsync(string contentItemId, CancellationToken cancellationToken)
    {
        var db = await session.ContextAsync(cancellationToken);
        var items = await loader.ReadAsync(db.ContentItems.AsNoTracking().Where(r => r.ContentItemId == contentItemId && r.Published).Take(1), cancellationToken);
        return items.Count == 0 ? null : items[0];
    }

    public async Task<IReadOnlyList<ContentItem>> LoadPublishedAsync(IReadOnlyCollection<string> contentItemIds, CancellationToken cancellationToken)
    {
        if (contentItemIds.Count == 0)
        {
            return [];
        }
        var db = await session.ContextAsync(cancellationToken);
        var ids = contentItemIds as List<string> ?? [.. contentItemIds];
        return await loader.ReadAsync(db.ContentItems.AsNoTracking().Where(r => r.Published && ids.Contains(r.ContentItemId)), cancellationToken);
    }

    private async ValueTask<ContentQueryTranslator> TranslatorAsync(ContentQuery query, CancellationToken cancellationToken) =>
        _translator ??= new ContentQueryTranslator(await session.ContextAsync(cancellationToken));
}
