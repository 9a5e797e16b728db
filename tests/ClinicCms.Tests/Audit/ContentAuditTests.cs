using System.Net;
using System.Net.Http.Json;
using ClinicCms.Content.Audit;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Audit;

/// <summary>Content writes land in the audit trail with who, what, which version and from where; refused ones leave nothing.</summary>
[Collection(nameof(AuditSite))]
public sealed class ContentAuditTests(AuditSite site)
{
    [Fact]
    public async Task Rest_writes_are_recorded_once_each_with_the_client_the_version_and_the_forwarded_address()
    {
        using var publisher = await site.AsAsync("publisher-app");
        var draft = await AuditSite.PostAsync(publisher, AuditSite.Notice("Opening hours"), draft: true);
        var id = draft["ContentItemId"]!.GetValue<string>();
        var published = await AuditSite.PostAsync(publisher, AuditSite.Notice("Opening hours, new", id), draft: false);
        using (var deleted = await publisher.DeleteAsync($"/api/content/{id}", TestContext.Current.CancellationToken))
        {
            Assert.Equal(HttpStatusCode.OK, deleted.StatusCode);
        }

        var rows = await site.RowsAsync(r => r.ContentItemId == id);
        Assert.Equal([AuditEvents.Created, AuditEvents.Saved, AuditEvents.Published, AuditEvents.Deleted], rows.Select(r => r.Event));
        Assert.All(rows, r =>
        {
            Assert.Equal(AuditCategories.Content, r.Category);
            Assert.Equal("Notice", r.ContentType);
            Assert.Equal(AuditSite.Visitor, r.Address);
            Assert.Equal("publisher-app", r.UserId);
        });
        Assert.Equal(draft["ContentItemVersionId"]!.GetValue<string>(), rows[0].ContentItemVersionId);
        Assert.Equal(published["ContentItemVersionId"]!.GetValue<string>(), rows[2].ContentItemVersionId);
    }

    [Fact]
    public async Task Review_steps_are_recorded_with_their_action_and_comment()
    {
        var ct = TestContext.Current.CancellationToken;
        using var author = await site.AsAsync("author-app");
        using var reviewer = await site.AsAsync("reviewer-app", from: "203.0.113.20");
        var id = (await AuditSite.PostAsync(author, Review.ReviewSite.Faq("Can I drive after an infusion?"), draft: true))["ContentItemId"]!.GetValue<string>();
        using (var request = await author.PostAsJsonAsync($"/api/content/{id}/review", new { Action = "Request" }, ct))
        {
            Assert.Equal(HttpStatusCode.OK, request.StatusCode);
        }
        using (var changes = await reviewer.PostAsJsonAsync($"/api/content/{id}/review", new { Action = "RequestChanges", Comment = "Name the waiting time." }, ct))
        {
            Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        }

        var rows = await site.RowsAsync(r => r.ContentItemId == id);
        Assert.Equal([AuditEvents.Created, AuditEvents.ReviewRequested, AuditEvents.ChangesRequested], rows.Select(r => r.Event));
        Assert.Equal("reviewer-app", rows[2].UserId);
        Assert.Equal("203.0.113.20", rows[2].Address);
        Assert.Equal("Name the waiting time.", rows[2].Detail);
        Assert.Equal("FAQ", rows[2].ContentType);
    }

    [Fact]
    public async Task A_refused_publish_or_an_invalid_item_leaves_no_row_and_a_committed_write_has_exactly_one()
    {
        var ct = TestContext.Current.CancellationToken;
        using var publisher = await site.AsAsync("publisher-app");
        var before = await site.LastIdAsync();

        // An editor without ReviewContent publishing an unapproved FAQ: 403, and neither the draft nor a row is kept.
        using (var refused = await publisher.PostAsJsonAsync("/api/content", Review.ReviewSite.Faq("Is it safe in pregnancy?"), ct))
        {
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
        // An item that fails validation (a Notice needs its title).
        using (var invalid = await publisher.PostAsJsonAsync("/api/content", new { ContentType = "Notice", TitlePart = new { Title = "" } }, ct))
        {
            Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        }
        Assert.Empty(await site.RowsAsync(r => r.Id > before));

        var saved = await AuditSite.PostAsync(publisher, AuditSite.Notice("Closed on Monday"), draft: true);
        var rows = await site.RowsAsync(r => r.Id > before);
        var row = Assert.Single(rows);
        Assert.Equal(saved["ContentItemId"]!.GetValue<string>(), row.ContentItemId);
        Assert.Equal(AuditEvents.Created, row.Event);
    }

    [Fact]
    public async Task Unpublish_discard_restore_and_delete_name_who_did_them()
    {
        var user = new ContentUser("4editor0000000000000000009", "editor9") { Address = "2001:db8::9" };
        var created = await WriteAsync(c => c.CreateAsync(ContentService.New("Notice").WithTitle("Parking"), publish: true, ContentUser.System));
        var id = created.Item!.ContentItemId;
        var firstVersion = created.Item.ContentItemVersionId;
        var edited = created.Item.Clone().WithTitle("Parking, moved");
        var draft = await WriteAsync(c => c.SaveDraftAsync(edited, user));
        await WriteAsync(c => c.DiscardDraftAsync(id, user, onlyOverPublished: false));
        await WriteAsync(c => c.UnpublishAsync(id, user));
        var restored = await WriteAsync(c => c.RestoreAsync(id, draft.Item!.ContentItemVersionId, user));
        await WriteAsync(c => c.DeleteAsync(id, user));

        var rows = await site.RowsAsync(r => r.ContentItemId == id);
        Assert.Equal([AuditEvents.Created, AuditEvents.Saved, AuditEvents.Discarded, AuditEvents.Unpublished, AuditEvents.Restored, AuditEvents.Deleted], rows.Select(r => r.Event));
        Assert.Equal(firstVersion, rows[0].ContentItemVersionId);
        Assert.Equal("published", rows[0].Detail);
        Assert.Equal(restored.Item!.ContentItemVersionId, rows[4].ContentItemVersionId);
        Assert.All(rows.Skip(1), r => Assert.Equal(("4editor0000000000000000009", "editor9", "2001:db8::9"), (r.UserId, r.UserName, r.Address)));
        // Outside a request and without a user, the site itself wrote it.
        Assert.Equal((null, null, null), (rows[0].UserId, rows[0].UserName, rows[0].Address));
    }

    private async Task<ContentSaveResult> WriteAsync(Func<ContentService, Task<ContentSaveResult>> write)
    {
        var result = await site.Site.App.InScopeAsync(sp => write(sp.GetRequiredService<ContentService>()));
        Assert.True(result.Succeeded, string.Join(" ", result.Errors));
        return result;
    }
}

internal static class NoticeItems
{
    public static ContentItem WithTitle(this ContentItem item, string title)
    {
        item.GetOrCreatePart("TitlePart")["Title"] = title;
        return item;
    }

    /// <summary>An FAQ's question and the fields it needs, as the review tests post it.</summary>
    public static ContentItem WithFaq(this ContentItem item, string question)
    {
        var json = Review.ReviewSite.Faq(question);
        foreach (var part in new[] { "TitlePart", "FAQ" })
        {
            item.Parts[part] = json[part]!.DeepClone();
        }
        return item;
    }
}
