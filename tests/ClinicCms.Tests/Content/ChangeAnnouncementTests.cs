using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using ClinicCms.Content;
using ClinicCms.Content.Changes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Definitions;
using ClinicCms.Content.Security;
using ClinicCms.Content.Store;
using ClinicCms.Content.Versions;
using ClinicCms.Recipes;
using ClinicCms.Tests.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Content;

/// <summary>
/// The store announces each change itself, once its transaction has committed, and never a change that rolled back.
/// The listener checks, on a connection of its own, that what it hears about is already in the database.
/// </summary>
public sealed class ChangeAnnouncementTests(ChangeAnnouncementTests.Site site) : IClassFixture<ChangeAnnouncementTests.Site>
{
    private static readonly ContentUser Editor = new("editor-id", "editor") { CanReview = true }; // also reviews: publishes without a separate approval

    public sealed class Site : IAsyncLifetime
    {
        public StoreSite Store { get; private set; } = null!;

        public Listener Heard { get; private set; } = null!;

        public async ValueTask InitializeAsync()
        {
            Store = await StoreSite.CreateAsync(s => s.AddContentChangeListener<Listener>());
            await Store.RunRecipeAsync(RepositoryFiles.ClinicRecipe);
            Heard = await Store.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Listener>()));
        }

        public ValueTask DisposeAsync() => Store.DisposeAsync();
    }

    /// <summary>Records every announcement with whether the database already showed it to another connection.</summary>
    public sealed class Listener(IServiceScopeFactory scopes) : IContentChangeListener
    {
        public ConcurrentQueue<(ContentChange Change, bool Committed)> Changes { get; } = new();

        public void OnChanged(IReadOnlyList<ContentChange> changes, bool local)
        {
            foreach (var change in changes)
            {
                Changes.Enqueue((change, !change.IsItemChange || IsVisible(change)));
            }
        }

        public List<(ContentChange Change, bool Committed)> Take()
        {
            var taken = new List<(ContentChange, bool)>();
            while (Changes.TryDequeue(out var heard))
            {
                taken.Add(heard);
            }
            return taken;
        }

        private bool IsVisible(ContentChange change)
        {
            using var scope = scopes.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<ClinicCmsDbContext>();
            return db.ContentItems.AsNoTracking().Any(r => r.ContentItemVersionId == change.ContentItemVersionId && r.Published == change.IsPublished)
                || (change.Kind is ChangeKind.DraftSaved or ChangeKind.Restored
                    && db.ContentItems.AsNoTracking().Any(r => r.ContentItemVersionId == change.ContentItemVersionId && r.Latest));
        }
    }

    [Fact]
    public async Task Each_version_operation_is_announced_after_it_commits_with_the_item_and_its_published_state()
    {
        site.Heard.Take();
        var created = await WriteAsync(c => c.CreateAsync(Faq("Is there a lift?"), publish: false, Editor));
        var id = created.ContentItemId;
        await WriteAsync(c => c.PublishAsync(id, Editor));
        var edit = (await site.Store.InScopeAsync(sp => sp.GetRequiredService<ContentService>().GetAsync(id, VersionOptions.Latest)))!;
        edit.Part("TitlePart")!["Title"] = "Is there a lift to the clinic?";
        var draft = await WriteAsync(c => c.SaveDraftAsync(edit, Editor));
        await WriteAsync(c => c.DiscardDraftAsync(id, ContentUser.System, onlyOverPublished: false));
        await WriteAsync(c => c.UnpublishAsync(id, ContentUser.System));
        await WriteAsync(c => c.DeleteAsync(id, ContentUser.System));

        var heard = site.Heard.Take();

        Assert.All(heard, h => Assert.True(h.Committed, $"{h.Change} was announced before it was committed"));
        Assert.Equal(
            [ChangeKind.Created, ChangeKind.Published, ChangeKind.DraftSaved, ChangeKind.DraftDiscarded, ChangeKind.Unpublished, ChangeKind.Deleted],
            heard.Select(h => h.Change.Kind));
        Assert.All(heard, h => Assert.Equal(("FAQ", id), (h.Change.ContentType, h.Change.ContentItemId)));
        Assert.Equal(
            [(false, false), (false, true), (true, true), (true, true), (true, false), (false, false)],
            heard.Select(h => (h.Change.WasPublished, h.Change.IsPublished)));
        Assert.Equal(draft.ContentItemVersionId, heard[2].Change.ContentItemVersionId);
    }

    [Fact]
    public async Task Writes_in_a_transaction_are_announced_at_its_commit_and_never_when_it_rolls_back()
    {
        site.Heard.Take();
        await site.Store.InScopeAsync(async sp =>
        {
            await using var rolledBack = await sp.GetRequiredService<ContentUnitOfWork>().BeginAsync();
            Assert.True((await sp.GetRequiredService<ContentService>().CreateAsync(Faq("Never saved?"), publish: true, Editor)).Succeeded);
            await sp.GetRequiredService<RoleStore>().SaveAsync(new RoleDefinition("Ghost", null, ["ViewContent"]));
            return 0;
        });
        var afterRollback = site.Heard.Take();

        var (beforeCommit, created) = await site.Store.InScopeAsync(async sp =>
        {
            await using var transaction = await sp.GetRequiredService<ContentUnitOfWork>().BeginAsync();
            var saved = await sp.GetRequiredService<ContentService>().CreateAsync(Faq("Saved with a role?"), publish: true, Editor);
            await sp.GetRequiredService<RoleStore>().SaveAsync(new RoleDefinition("Reviewer", null, ["ViewContent"]));
            var pending = site.Heard.Take();
            await transaction.CommitAsync();
            return (pending, saved.Item!);
        });
        var afterCommit = site.Heard.Take();

        Assert.Empty(afterRollback);
        Assert.Empty(beforeCommit);
        Assert.Equal([(ChangeKind.Created, created.ContentItemId), (ChangeKind.Roles, null)], afterCommit.Select(h => (h.Change.Kind, h.Change.ContentItemId)));
        Assert.All(afterCommit, h => Assert.True(h.Committed));
    }

    [Fact]
    public async Task A_recipe_that_fails_announces_nothing_and_one_that_commits_announces_every_item()
    {
        site.Heard.Take();
        await Assert.ThrowsAsync<RecipeException>(() => site.Store.RunRecipeTextAsync("""
            { "steps": [
              { "name": "settings", "SiteName": "Changed" },
              { "name": "Roles", "Roles": [ { "Name": "Auditor", "Permissions": [ "ViewContent" ] } ] },
              { "name": "content", "data": [
                { "ContentItemId": "lostfaq000000000000000001", "ContentType": "FAQ", "Latest": true, "Published": true,
                  "TitlePart": { "Title": "Lost?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 9 } } } ] },
              { "name": "content", "data": [
                { "ContentItemId": "lostarticle00000000000001", "ContentType": "Article", "Latest": true, "Published": true,
                  "TitlePart": { "Title": "Copycat" }, "Article": { "Summary": { "Text": "x" } },
                  "AutoroutePart": { "Path": "articles/how-many-ketamine-infusions-will-i-need" } } ] }
            ] }
            """, "late-failure.recipe.json"));
        var afterFailure = site.Heard.Take();

        await site.Store.RunRecipeTextAsync("""
            { "steps": [
              { "name": "settings", "SiteName": "Changed" },
              { "name": "content", "data": [
                { "ContentItemId": "keptfaq000000000000000001", "ContentType": "FAQ", "Latest": true, "Published": true,
                  "TitlePart": { "Title": "Kept?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 9 } } },
                { "ContentItemId": "keptfaq000000000000000002", "ContentType": "FAQ", "Latest": true, "Published": false,
                  "TitlePart": { "Title": "Kept too?" }, "FAQ": { "Category": { "Text": "general" }, "Order": { "Value": 10 } } } ] }
            ] }
            """, "imports.recipe.json");
        var afterSuccess = site.Heard.Take();

        Assert.Empty(afterFailure);
        Assert.Equal(
            [(ChangeKind.Imported, "keptfaq000000000000000001", true), (ChangeKind.Imported, "keptfaq000000000000000002", false), (ChangeKind.Settings, null, false)],
            afterSuccess.Select(h => (h.Change.Kind, h.Change.ContentItemId, h.Change.IsPublished)));
        Assert.All(afterSuccess, h => Assert.True(h.Committed));
    }

    [Fact]
    public async Task Saving_the_definitions_announces_a_definitions_change()
    {
        site.Heard.Take();
        var before = await site.Store.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ContentChanges>().DefinitionsStamp));

        await site.Store.InScopeAsync(async sp =>
        {
            var store = sp.GetRequiredService<ContentDefinitionStore>();
            var copy = (await store.GetAsync()).Copy();
            copy.FindType("FAQ")!.DisplayName = "Question";
            return await store.SaveAsync(copy);
        });
        var definitions = await site.Store.InScopeAsync(sp => sp.GetRequiredService<ContentDefinitionStore>().GetAsync());

        Assert.Equal([ChangeKind.Definitions], site.Heard.Take().Select(h => h.Change.Kind));
        Assert.True(await site.Store.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<ContentChanges>().DefinitionsStamp)) > before);
        Assert.Equal("Question", definitions.FindType("FAQ")!.DisplayName);
    }

    [Fact]
    public async Task A_write_whose_caller_leaves_while_it_commits_is_committed_and_announced()
    {
        // The audit step asks who acted while the commit runs: there the caller gives up (a client closing its connection).
        using var caller = new CancellationTokenSource();
        var leaves = new LeavesAtCommit(caller);
        await using var store = await StoreSite.CreateAsync(s => s.AddContentChangeListener<Listener>().AddSingleton<ClinicCms.Content.Audit.IAuditActor>(leaves));
        await store.RunRecipeAsync(RepositoryFiles.ClinicRecipe);
        var heard = await store.InScopeAsync(sp => Task.FromResult(sp.GetRequiredService<Listener>()));
        heard.Take();

        leaves.Armed = true;
        var created = await store.InScopeAsync(sp => sp.GetRequiredService<ContentService>().CreateAsync(Faq("Is there parking?"), publish: true, Editor, leaves.Token));

        Assert.True(leaves.Token.IsCancellationRequested, "the caller left during the commit");
        Assert.True(created.Succeeded, string.Join("; ", created.Errors));
        var announced = Assert.Single(heard.Take());
        Assert.Equal((ChangeKind.Created, created.Item!.ContentItemId, true), (announced.Change.Kind, announced.Change.ContentItemId, announced.Committed));
    }

    private sealed class LeavesAtCommit(CancellationTokenSource caller) : ClinicCms.Content.Audit.IAuditActor
    {
        public bool Armed { get; set; }

        public CancellationToken Token => caller.Token;

        public ContentUser? Current
        {
            get
            {
                if (Armed)
                {
                    caller.Cancel();
                }
                return null;
            }
        }
    }

    private static ContentItem Faq(string question)
    {
        var faq = ContentService.New("FAQ");
        faq.Parts["TitlePart"] = new JsonObject { ["Title"] = question };
        faq.Parts["FAQ"] = new JsonObject { ["Category"] = new JsonObject { ["Text"] = "general" }, ["Order"] = new JsonObject { ["Value"] = 50 } };
        return faq;
    }

    private Task<ContentItem> WriteAsync(Func<ContentService, Task<ContentSaveResult>> write) => site.Store.InScopeAsync(async sp =>
    {
        var result = await write(sp.GetRequiredService<ContentService>());
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        return result.Item!;
    });
}
