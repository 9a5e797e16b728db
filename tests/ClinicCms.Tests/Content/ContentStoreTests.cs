using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Content;

/// <summary>Orchard's version operations on a real database; run once per provider.</summary>
public abstract class ContentStoreTests : IAsyncLifetime
{
    private static readonly ContentUser Editor = new("editor-id", "editor") { CanReview = true }; // also reviews: publishes without a separate approval
    private StoreSite _site = null!;

    /// <summary>A store with the clinic recipe imported: a copy of a database it was imported into once for the run.</summary>
    protected abstract Task<StoreSite> CreateClinicSiteAsync();

    public async ValueTask InitializeAsync() => _site = await CreateClinicSiteAsync();

    public async ValueTask DisposeAsync()
    {
        await _site.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Creating_a_draft_stores_a_latest_unpublished_version()
    {
        var created = await CreateFaqAsync("Is parking available?", publish: false);

        var versions = await ListAsync(created.ContentItemId);
        var only = Assert.Single(versions);
        Assert.True(only.Latest);
        Assert.False(only.Published);
        Assert.Equal("Is parking available?", only.DisplayText);
        Assert.Equal("editor-id", only.Owner);
        Assert.Equal("editor", only.Author);
        Assert.Null(await GetAsync(created.ContentItemId, VersionOptions.Published));
    }

    [Fact]
    public async Task Saving_a_draft_of_a_published_item_leaves_the_published_version_untouched()
    {
        var published = await CreateFaqAsync("Original question?", publish: true);
        var edit = published.Clone();
        edit.Part("TitlePart")!["Title"] = "Edited question?";

        var saved = await SaveDraftAsync(edit);

        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors));
        Assert.NotEqual(published.ContentItemVersionId, saved.Item!.ContentItemVersionId);
        var live = await GetAsync(published.ContentItemId, VersionOptions.Published);
        Assert.Equal("Original question?", live!.DisplayText);
        Assert.Equal(published.ContentItemVersionId, live.ContentItemVersionId);
        Assert.False(live.Latest);
        var latest = await GetAsync(published.ContentItemId, VersionOptions.Latest);
        Assert.Equal("Edited question?", latest!.DisplayText);
        Assert.False(latest.Published);
    }

    [Fact]
    public async Task Saving_a_draft_twice_updates_the_same_draft_version()
    {
        var draft = await CreateFaqAsync("First wording?", publish: false);
        var edit = draft.Clone();
        edit.Part("TitlePart")!["Title"] = "Second wording?";

        var saved = await SaveDraftAsync(edit);

        Assert.Equal(draft.ContentItemVersionId, saved.Item!.ContentItemVersionId);
        Assert.Single(await ListAsync(draft.ContentItemId));
    }

    [Fact]
    public async Task Publishing_a_draft_replaces_the_published_version_and_keeps_the_old_one()
    {
        var published = await CreateFaqAsync("Version one?", publish: true);
        var edit = published.Clone();
        edit.Part("TitlePart")!["Title"] = "Version two?";
        var draft = (await SaveDraftAsync(edit)).Item!;

        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().PublishAsync(draft.ContentItemId, Editor));

        Assert.True(result.Succeeded);
        var versions = await ListAsync(published.ContentItemId);
        Assert.Equal(2, versions.Count);
        var old = versions.Single(v => v.ContentItemVersionId == published.ContentItemVersionId);
        Assert.False(old.Published);
        Assert.False(old.Latest);
        var current = versions.Single(v => v.ContentItemVersionId == draft.ContentItemVersionId);
        Assert.True(current.Published);
        Assert.True(current.Latest);
        Assert.NotNull(current.PublishedUtc);
    }

    [Fact]
    public async Task Unpublishing_keeps_the_latest_version_as_a_draft()
    {
        var published = await CreateFaqAsync("Soon withdrawn?", publish: true);

        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().UnpublishAsync(published.ContentItemId, ContentUser.System));

        Assert.True(result.Succeeded);
        Assert.Null(await GetAsync(published.ContentItemId, VersionOptions.Published));
        var latest = await GetAsync(published.ContentItemId, VersionOptions.Latest);
        Assert.False(latest!.Published);
        Assert.Null(latest.PublishedUtc);
    }

    [Fact]
    public async Task Discarding_a_draft_makes_the_published_version_latest_again()
    {
        var published = await CreateFaqAsync("Stable question?", publish: true);
        var edit = published.Clone();
        edit.Part("TitlePart")!["Title"] = "Abandoned edit?";
        await SaveDraftAsync(edit);

        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().DiscardDraftAsync(published.ContentItemId, ContentUser.System, onlyOverPublished: false));

        Assert.True(result.Succeeded);
        var latest = await GetAsync(published.ContentItemId, VersionOptions.Latest);
        Assert.Equal(published.ContentItemVersionId, latest!.ContentItemVersionId);
        Assert.True(latest.Published);
        Assert.Equal(2, (await ListAsync(published.ContentItemId)).Count);
    }

    [Fact]
    public async Task Deleting_is_soft_and_keeps_the_history()
    {
        var published = await CreateFaqAsync("To be deleted?", publish: true);
        var edit = published.Clone();
        edit.Part("TitlePart")!["Title"] = "Draft before deletion?";
        await SaveDraftAsync(edit);

        // Named by the published version's stamp, while a draft is the latest: a stale delete, refused.
        var stale = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().DeleteAsync(published.ContentItemId, ContentUser.System, published.ConcurrencyStamp));
        var stillThere = await GetAsync(published.ContentItemId, VersionOptions.Latest);
        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().DeleteAsync(published.ContentItemId, ContentUser.System, stillThere!.ConcurrencyStamp));

        Assert.True(stale.IsConflict);
        Assert.Equal("Draft before deletion?", stillThere!.DisplayText);
        Assert.True(result.Succeeded);
        Assert.Null(await GetAsync(published.ContentItemId, VersionOptions.Published));
        Assert.Null(await GetAsync(published.ContentItemId, VersionOptions.Latest));
        var history = await ListAsync(published.ContentItemId);
        Assert.Equal(2, history.Count);
        Assert.All(history, v => Assert.False(v.Latest || v.Published));
    }

    [Fact]
    public async Task Cloning_creates_a_new_draft_item_with_a_fresh_path()
    {
        var article = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().GetAsync(ClinicIds.Article));

        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CloneAsync(ClinicIds.Article, Editor));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var clone = result.Item!;
        Assert.NotEqual(ClinicIds.Article, clone.ContentItemId);
        Assert.False(clone.Published);
        Assert.Equal(article!.DisplayText, clone.DisplayText);
        Assert.Equal("articles/how-many-ketamine-infusions-will-i-need-1", clone.Part("AutoroutePart").GetString("Path"));
        Assert.Equal(article.Part("HtmlBodyPart").GetString("Html"), clone.Part("HtmlBodyPart").GetString("Html"));
    }

    [Fact]
    public async Task Restoring_an_old_version_makes_it_the_new_draft()
    {
        var v1 = await CreateFaqAsync("Version one?", publish: true);
        var edit = v1.Clone();
        edit.Part("TitlePart")!["Title"] = "Version two?";
        var v2 = (await SaveDraftAsync(edit)).Item!;
        await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().PublishAsync(v2.ContentItemId, Editor));

        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().RestoreAsync(v1.ContentItemId, v1.ContentItemVersionId, Editor));

        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var latest = await GetAsync(v1.ContentItemId, VersionOptions.Latest);
        Assert.Equal("Version one?", latest!.DisplayText);
        Assert.False(latest.Published);
        Assert.Equal("Version two?", (await GetAsync(v1.ContentItemId, VersionOptions.Published))!.DisplayText);
        Assert.Equal(3, (await ListAsync(v1.ContentItemId)).Count);
    }

    [Fact]
    public async Task A_save_based_on_a_stale_version_is_a_conflict_and_overwrites_nothing()
    {
        var draft = await CreateFaqAsync("Shared question?", publish: false);
        var first = draft.Clone();
        first.Part("TitlePart")!["Title"] = "First editor's question?";
        var second = draft.Clone();
        second.Part("TitlePart")!["Title"] = "Second editor's question?";

        Assert.True((await SaveDraftAsync(first)).Succeeded);
        var conflict = await SaveDraftAsync(second);

        Assert.True(conflict.IsConflict);
        Assert.False(conflict.Succeeded);
        Assert.Equal("First editor's question?", (await GetAsync(draft.ContentItemId, VersionOptions.Latest))!.DisplayText);
    }

    [Fact]
    public async Task The_database_refuses_a_second_published_version_of_an_item()
    {
        var published = await CreateFaqAsync("Only one published?", publish: true);

        var error = await Assert.ThrowsAnyAsync<DbUpdateException>(() => _site.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var copy = published.Clone();
            copy.ContentItemVersionId = IdGenerator.NewId();
            copy.Latest = false;
            db.ContentItems.Add(ContentItemMapper.ToRow(copy));
            return await db.SaveChangesAsync();
        }));

        Assert.NotNull(error);
    }

    [Fact]
    public async Task A_failed_validation_returns_every_error_with_its_path_and_saves_nothing()
    {
        var item = ContentService.New("FAQ");
        item.GetOrCreatePart("TitlePart")["Title"] = "";
        item.GetOrCreatePart("FAQ")["Category"] = new JsonObject { ["Text"] = "not-a-category" };
        item.GetOrCreatePart("FAQ")["Order"] = new JsonObject { ["Value"] = -3 };
        item.GetOrCreatePart("FAQ")["RelatedTreatment"] = new JsonObject { ["ContentItemIds"] = new JsonArray(ClinicIds.Article) };

        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(item, publish: true, Editor));

        Assert.False(result.Succeeded);
        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Contains("TitlePart.Title", paths);
        Assert.Contains("FAQ.Category", paths);
        Assert.Contains("FAQ.Order", paths);
        Assert.Empty(await ListAsync(item.ContentItemId));
    }

    [Fact]
    public async Task A_content_picker_refuses_an_item_of_the_wrong_type()
    {
        var item = NewFaq("Which treatment?");
        item.Part("FAQ")!["RelatedTreatment"] = new JsonObject { ["ContentItemIds"] = new JsonArray(ClinicIds.Article) };

        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(item, publish: true, Editor));

        var error = Assert.Single(result.Errors);
        Assert.Equal("FAQ.RelatedTreatment", error.Path);
        Assert.Contains("TreatmentOverview", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Generated_paths_get_a_numbered_suffix_and_a_custom_path_in_use_is_refused()
    {
        var first = await CreateArticleAsync("Same title", path: null);
        var second = await CreateArticleAsync("Same title", path: null);
        var taken = NewArticle("Another title", first.Item!.Part("AutoroutePart").GetString("Path"));

        var refused = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(taken, publish: true, Editor));

        Assert.Equal("articles/same-title", first.Item!.Part("AutoroutePart").GetString("Path"));
        Assert.Equal("articles/same-title-1", second.Item!.Part("AutoroutePart").GetString("Path"));
        var error = Assert.Single(refused.Errors);
        Assert.Equal("AutoroutePart.Path", error.Path);
    }

    private static ContentItem NewFaq(string question)
    {
        var item = ContentService.New("FAQ");
        item.GetOrCreatePart("TitlePart")["Title"] = question;
        item.GetOrCreatePart("FAQ")["Category"] = new JsonObject { ["Text"] = "general" };
        item.GetOrCreatePart("FAQ")["Order"] = new JsonObject { ["Value"] = 10 };
        return item;
    }

    [Fact]
    public async Task An_items_latest_and_published_versions_are_found_by_its_unique_indexes_however_many_versions_it_has()
    {
        var item = await CreateFaqAsync("How often is this edited?", publish: true);
        var plans = await _site.InScopeAsync(async sp =>
        {
            var db = sp.GetRequiredService<ClinicCmsDbContext>();
            var postgres = QueryPlans.IsPostgres(db);
            // A long history, and statistics that know it: a planner that counts rows still has a choice to make.
            await db.Database.ExecuteSqlRawAsync(postgres
                ? """
                  INSERT INTO "ContentItemVersions" ("ContentItemId", "ContentItemVersionId", "ContentType", "Latest", "Published", "Content", "ConcurrencyStamp")
                  SELECT {0}, 'history' || i, 'FAQ', false, false, '{{}}'::jsonb, 'x' FROM generate_series(1, 3000) AS i;
                  ANALYZE "ContentItemVersions";
                  """
                : """
                  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 3000)
                  INSERT INTO "ContentItemVersions" ("ContentItemId", "ContentItemVersionId", "ContentType", "Latest", "Published", "Content", "ConcurrencyStamp")
                  SELECT {0}, 'history' || i, 'FAQ', 0, 0, '{{}}', 'x' FROM n;
                  ANALYZE;
                  """, item.ContentItemId);
            return new[]
            {
                await QueryPlans.ExplainAsync(db, db.ContentItems.Where(r => r.ContentItemId == item.ContentItemId && r.Latest).Take(1)),
                await QueryPlans.ExplainAsync(db, db.ContentItems.Where(r => r.ContentItemId == item.ContentItemId && r.Published).Take(1)),
            };
        });

        Assert.Contains("UX_ContentItemVersions_Latest", plans[0], StringComparison.Ordinal);
        Assert.Contains("UX_ContentItemVersions_Published", plans[1], StringComparison.Ordinal);
        Assert.Equal("How often is this edited?", (await GetAsync(item.ContentItemId, VersionOptions.Latest))!.DisplayText);
    }

    private static ContentItem NewArticle(string title, string? path)
    {
        var item = ContentService.New("Article");
        item.GetOrCreatePart("TitlePart")["Title"] = title;
        item.GetOrCreatePart("Article")["Summary"] = new JsonObject { ["Text"] = "A summary." };
        item.GetOrCreatePart("AutoroutePart")["Path"] = path;
        return item;
    }

    private async Task<ContentItem> CreateFaqAsync(string question, bool publish)
    {
        var result = await _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(NewFaq(question), publish, Editor));
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Item!;
    }

    private Task<ContentSaveResult> CreateArticleAsync(string title, string? path) =>
        _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(NewArticle(title, path), publish: true, Editor));

    private Task<ContentSaveResult> SaveDraftAsync(ContentItem item) =>
        _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().SaveDraftAsync(item, Editor));

    private Task<ContentItem?> GetAsync(string id, VersionOptions options) =>
        _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().GetAsync(id, options));

    private Task<IReadOnlyList<ContentItem>> ListAsync(string id) =>
        _site.InScopeAsync(sp => sp.GetRequiredService<ContentService>().ListVersionsAsync(id));
}
