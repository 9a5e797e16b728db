using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using ClinicCms.Content.Versions;
using ClinicCms.Tests.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Review;

/// <summary>Review before publish through the REST API, with real client tokens: who may request, approve and publish.</summary>
public sealed class ReviewApiTests(ReviewSite site) : IClassFixture<ReviewSite>
{
    [Fact]
    public async Task Author_requests_reviewer_asks_changes_author_edits_and_requests_again_reviewer_approves_editor_publishes()
    {
        var id = await site.DraftFaqAsync("author-app", "Is ketamine safe?");

        using (var requested = await site.ReviewAsync("author-app", id, "Request", "Please check the dosage."))
        {
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
            Assert.Equal("InReview", (await requested.Content.ReadFromJsonAsync<JsonObject>())!["State"]!.GetValue<string>());
        }
        using (var changes = await site.ReviewAsync("reviewer-app", id, "RequestChanges", "Cite the 2023 guideline."))
        {
            Assert.Equal(HttpStatusCode.OK, changes.StatusCode);
        }
        var asked = await site.ReviewOfAsync(id);
        Assert.Equal(ReviewState.ChangesRequested, asked.State);
        Assert.Equal("Cite the 2023 guideline.", asked.Comment);
        Assert.NotNull(asked.ReviewedBy);
        Assert.NotNull(asked.ReviewedUtc);

        // The author edits: the draft goes back to draft, the reviewer's comment stays for them to read.
        using (var author = await site.AsAsync("author-app"))
        using (var edited = await author.PostAsJsonAsync("/api/content?draft=true", ReviewSite.Faq("Is ketamine safe? (2023 guideline)", id)))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }
        Assert.Equal(ReviewState.Draft, (await site.ReviewOfAsync(id)).State);
        Assert.Equal("Cite the 2023 guideline.", (await site.ReviewOfAsync(id)).Comment);

        using (var again = await site.ReviewAsync("author-app", id, "Request", "Added the citation."))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }
        var askedAgain = await site.ReviewOfAsync(id); // asking again keeps what the reviewer asked for beside the author's note
        Assert.Equal("Cite the 2023 guideline.", askedAgain.Comment);
        Assert.Equal("Added the citation.", askedAgain.RequestComment);
        using (var approved = await site.ReviewAsync("reviewer-app", id, "Approve", "Good to go."))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
        var approval = await site.ReviewOfAsync(id);
        Assert.Equal(ReviewState.Approved, approval.State);

        using (var publisher = await site.AsAsync("publisher-app"))
        using (var published = await publisher.PostAsJsonAsync("/api/content", new JsonObject { ["ContentItemId"] = id }))
        {
            Assert.Equal(HttpStatusCode.OK, published.StatusCode);
            Assert.False((await published.Content.ReadFromJsonAsync<JsonObject>())!.ContainsKey(ReviewRecord.PartName)); // comments stay with the editors
        }
        var live = await site.StoredAsync(id, VersionOptions.Published);
        Assert.NotNull(live);
        Assert.Equal("Is ketamine safe? (2023 guideline)", live.DisplayText);
        Assert.Equal(ReviewState.Approved, ReviewRecord.Of(live).State);
        Assert.Equal(approval.ReviewedBy, ReviewRecord.Of(live).ReviewedBy); // the reviewer's approval, not the publisher's
    }

    [Fact]
    public async Task An_unapproved_publish_is_403_naming_the_missing_approval_and_changes_nothing()
    {
        var id = await site.DraftFaqAsync("author-app", "How long does an infusion take?");
        using var requested = await site.ReviewAsync("author-app", id, "Request");
        var before = await site.StoredAsync(id);

        foreach (var client in new[] { "author-app", "publisher-app" })
        {
            using var http = await site.AsAsync(client);
            using var response = await http.PostAsJsonAsync("/api/content", ReviewSite.Faq("How long does an infusion take? Edited", id));
            var problem = await response.Content.ReadFromJsonAsync<JsonObject>();

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.Contains("approved review", problem!["detail"]!.GetValue<string>());
        }
        var after = await site.StoredAsync(id);
        Assert.Equal(before!.ConcurrencyStamp, after!.ConcurrencyStamp); // the edit sent with the refused publish was not kept either
        Assert.Equal(ReviewState.InReview, ReviewRecord.Of(after).State);
        Assert.Null(await site.StoredAsync(id, VersionOptions.Published));

        // A new item published at once is refused the same way, and not created.
        using var publisher = await site.AsAsync("publisher-app");
        using var created = await publisher.PostAsJsonAsync("/api/content", ReviewSite.Faq("Never reviewed"));
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
    }

    [Fact]
    public async Task A_publisher_who_may_review_publishes_at_once_and_the_approval_is_recorded_as_theirs()
    {
        using var chief = await site.AsAsync("chief-app");
        using var response = await chief.PostAsJsonAsync("/api/content", ReviewSite.Faq("Can I drive after an infusion?"));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        var live = await site.StoredAsync(body!["ContentItemId"]!.GetValue<string>(), VersionOptions.Published);
        var review = ReviewRecord.Of(live!);
        Assert.Equal(ReviewState.Approved, review.State);
        Assert.Equal(live!.Author, review.ReviewedBy);
        Assert.NotNull(review.ReviewedUtc);
    }

    [Fact]
    public async Task An_approval_of_the_draft_as_the_reviewer_read_it_is_refused_once_the_draft_changed()
    {
        var id = await site.DraftFaqAsync("author-app", "How long does it last?");
        using (var requested = await site.ReviewAsync("author-app", id, "Request"))
        {
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        }
        var read = (await site.StoredAsync(id))!.ConcurrencyStamp;
        using (var author = await site.AsAsync("author-app"))
        using (var edited = await author.PostAsJsonAsync("/api/content?draft=true", ReviewSite.Faq("How long does it last, really?", id)))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }
        using (var again = await site.ReviewAsync("author-app", id, "Request"))
        {
            Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        }

        using (var stale = await site.ReviewAsync("reviewer-app", id, "Approve", stamp: read))
        {
            Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
            Assert.Contains("after you read it", await stale.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        }
        Assert.Equal(ReviewState.InReview, (await site.ReviewOfAsync(id)).State);

        using var current = await site.ReviewAsync("reviewer-app", id, "Approve", stamp: (await site.StoredAsync(id))!.ConcurrencyStamp);
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(ReviewState.Approved, (await site.ReviewOfAsync(id)).State);
    }

    [Fact]
    public async Task An_approval_may_name_the_draft_it_read_by_if_match_instead_of_the_body()
    {
        var ct = TestContext.Current.CancellationToken;
        var id = await site.DraftFaqAsync("author-app", "Can I eat before an infusion?");
        var read = (await site.StoredAsync(id))!.ConcurrencyStamp;
        using (var requested = await site.ReviewAsync("author-app", id, "Request"))
        {
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
            Assert.Equal($"\"{(await site.StoredAsync(id))!.ConcurrencyStamp}\"", requested.Headers.ETag!.Tag); // the step's new stamp
        }
        using var reviewer = await site.AsAsync("reviewer-app");
        async Task<HttpResponseMessage> ApproveAsync(string ifMatch)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/content/{id}/review") { Content = JsonContent.Create(new { Action = "Approve" }) };
            request.Headers.TryAddWithoutValidation("If-Match", ifMatch);
            return await reviewer.SendAsync(request, ct);
        }

        using var stale = await ApproveAsync($"\"{read}\"");
        var stateAfterStale = (await site.ReviewOfAsync(id)).State;
        // The store's own refusal of a stale stamp (what a race past the endpoint's check meets) says it is stale: a 412
        // for a caller that sent If-Match.
        var staleInStore = await site.Site.App.InScopeAsync(sp => sp.GetRequiredService<ContentService>()
            .ReviewAsync(id, ReviewAction.Approve, null, new ClinicCms.Content.ContentItems.ContentUser("reviewer-id", "reviewer") { CanReview = true }, read));
        using var current = await ApproveAsync($"\"{(await site.StoredAsync(id))!.ConcurrencyStamp}\"");

        Assert.Equal(HttpStatusCode.PreconditionFailed, stale.StatusCode);
        Assert.Equal(ReviewState.InReview, stateAfterStale);
        Assert.True(staleInStore.IsStale, string.Join("; ", staleInStore.Errors));
        Assert.Equal(HttpStatusCode.OK, current.StatusCode);
        Assert.Equal(ReviewState.Approved, (await site.ReviewOfAsync(id)).State);
    }

    [Fact]
    public async Task Editing_an_approved_draft_sends_it_back_to_draft_and_a_body_cannot_set_the_review()
    {
        var id = await site.DraftFaqAsync("author-app", "What does it cost?");
        using (var requested = await site.ReviewAsync("author-app", id, "Request"))
        using (var approved = await site.ReviewAsync("reviewer-app", id, "Approve"))
        {
            Assert.Equal(HttpStatusCode.OK, approved.StatusCode);
        }
        using var author = await site.AsAsync("author-app");

        // The same content saved again is no edit: the approval stays.
        using (var same = await author.PostAsJsonAsync("/api/content?draft=true", ReviewSite.Faq("What does it cost?", id)))
        {
            Assert.Equal(HttpStatusCode.OK, same.StatusCode);
        }
        Assert.Equal(ReviewState.Approved, (await site.ReviewOfAsync(id)).State);

        using (var edited = await author.PostAsJsonAsync("/api/content?draft=true", ReviewSite.Faq("What does it cost in 2027?", id)))
        {
            Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        }
        Assert.Equal(ReviewState.Draft, (await site.ReviewOfAsync(id)).State);

        // A review sent in the body is ignored, on an edit and on a new item.
        var forged = ReviewSite.Faq("What does it cost in 2028?", id);
        forged[ReviewRecord.PartName] = new JsonObject { ["State"] = "Approved", ["ReviewedBy"] = "nobody" };
        using (var sneaky = await author.PostAsJsonAsync("/api/content?draft=true", forged))
        {
            Assert.Equal(HttpStatusCode.OK, sneaky.StatusCode);
        }
        Assert.Equal(ReviewState.Draft, (await site.ReviewOfAsync(id)).State);
        forged.Remove("ContentItemId");
        using var created = await author.PostAsJsonAsync("/api/content", forged);
        Assert.Equal(HttpStatusCode.Forbidden, created.StatusCode);
    }

    [Fact]
    public async Task A_type_that_does_not_require_review_publishes_as_before()
    {
        using var author = await site.AsAsync("author-app");
        using var response = await author.PostAsJsonAsync("/api/content", new JsonObject
        {
            ["ContentType"] = "Notice",
            ["TitlePart"] = new JsonObject { ["Title"] = "Closed on Friday" },
        });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(body!["Published"]!.GetValue<bool>());
        Assert.Equal(ReviewState.Draft, ReviewRecord.Of((await site.StoredAsync(body["ContentItemId"]!.GetValue<string>()))!).State);
    }

    [Fact]
    public async Task Hostile_review_requests_get_4xx_and_change_nothing()
    {
        var id = await site.DraftFaqAsync("author-app", "Who may I bring along?");
        var before = (await site.StoredAsync(id))!.ConcurrencyStamp;

        var cases = new (string Name, Func<Task<HttpResponseMessage>> Send, HttpStatusCode Expected)[]
        {
            ("unknown action", () => site.ReviewAsync("author-app", id, "Publish"), HttpStatusCode.BadRequest),
            ("numeric action", () => site.ReviewAsync("author-app", id, "1"), HttpStatusCode.BadRequest),
            ("lower-case action", () => site.ReviewAsync("author-app", id, "request"), HttpStatusCode.BadRequest),
            ("huge comment", () => site.ReviewAsync("author-app", id, "Request", new string('x', ReviewRecord.MaxCommentLength + 1)), HttpStatusCode.BadRequest),
            ("markup in comment", () => site.ReviewAsync("author-app", id, "Request", "<script>alert(1)</script>"), HttpStatusCode.BadRequest),
            ("approve without the stamp read", async () =>
            {
                using var reviewer = await site.AsAsync("reviewer-app");
                return await reviewer.PostAsJsonAsync($"/api/content/{id}/review", new { Action = "Approve" });
            }, HttpStatusCode.BadRequest),
            ("approving a draft one may not read", () => site.ReviewAsync("blind-reviewer-app", id, "Approve"), HttpStatusCode.Forbidden),
            ("control character in comment", () => site.ReviewAsync("author-app", id, "Request", "fine\u0000\u001b[31m"), HttpStatusCode.BadRequest),
            ("approve before a request", () => site.ReviewAsync("reviewer-app", id, "Approve"), HttpStatusCode.BadRequest),
            ("someone else's item", () => site.ReviewAsync("other-author-app", id, "Request"), HttpStatusCode.Forbidden),
            ("an author approving", () => site.ReviewAsync("author-app", id, "Approve"), HttpStatusCode.Forbidden),
            ("missing item", () => site.ReviewAsync("reviewer-app", "nosuchitem00000000000000000", "Approve"), HttpStatusCode.NotFound),
            ("anonymous", () => site.Site.Anonymous().PostAsJsonAsync($"/api/content/{id}/review", new { Action = "Request" }), HttpStatusCode.Unauthorized),
            ("garbage token", () => site.Site.WithToken("not-a-token").PostAsJsonAsync($"/api/content/{id}/review", new { Action = "Request" }), HttpStatusCode.Unauthorized),
            ("not JSON", () => site.AsAsync("author-app").ContinueWith(t => t.Result.PostAsync($"/api/content/{id}/review", new StringContent("{ Action", System.Text.Encoding.UTF8, "application/json"))).Unwrap(), HttpStatusCode.BadRequest),
        };
        foreach (var (name, send, expected) in cases)
        {
            using var response = await send();
            Assert.True(response.StatusCode == expected, $"{name}: {response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        // A token that has expired.
        using var expiring = await site.AsAsync("author-app");
        using var expired = await Eventually.SendUntilAsync(
            () => expiring.PostAsJsonAsync($"/api/content/{id}/review", new { Action = "Nothing" }), r => r.StatusCode == HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Unauthorized, expired.StatusCode);

        var after = await site.StoredAsync(id);
        Assert.Equal(before, after!.ConcurrencyStamp);
        Assert.Equal(ReviewState.Draft, ReviewRecord.Of(after).State);
    }

    [Fact]
    public async Task GraphQL_shows_reviewState_only_to_callers_who_may_preview()
    {
        var id = await site.DraftFaqAsync("author-app", "Is there an age limit?");
        using (var requested = await site.ReviewAsync("author-app", id, "Request"))
        {
            Assert.Equal(HttpStatusCode.OK, requested.StatusCode);
        }
        using var reviewer = await site.AsAsync("reviewer-app");
        var drafts = await QueryAsync(reviewer, "{ faq(status: DRAFT) { contentItemId reviewState concurrencyStamp } }");
        var mine = drafts["data"]!["faq"]!.AsArray().Single(n => n!["contentItemId"]!.GetValue<string>() == id);
        Assert.Equal("InReview", mine!["reviewState"]!.GetValue<string>());
        Assert.Equal((await site.StoredAsync(id))!.ConcurrencyStamp, mine["concurrencyStamp"]!.GetValue<string>());

        // A reader without preview rights gets null for every published item, and the same answer as without the field.
        using var reader = site.Site.WithToken(await site.Site.TokenAsync("reader-app", "Reader-app-secret-1"));
        var published = await QueryAsync(reader, "{ faq { displayText reviewState concurrencyStamp } }");
        var plain = await QueryAsync(reader, "{ faq { displayText } }");
        Assert.NotEmpty(published["data"]!["faq"]!.AsArray());
        Assert.All(published["data"]!["faq"]!.AsArray(), n => Assert.Null(n!["reviewState"]));
        Assert.All(published["data"]!["faq"]!.AsArray(), n => Assert.Null(n!["concurrencyStamp"]));
        Assert.Equal(plain["data"]!["faq"]!.AsArray().Select(n => n!["displayText"]!.GetValue<string>()),
            published["data"]!["faq"]!.AsArray().Select(n => n!["displayText"]!.GetValue<string>()));
    }

    private static async Task<JsonObject> QueryAsync(HttpClient http, string query)
    {
        using var response = await http.PostAsJsonAsync("/api/graphql", new { query });
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        Assert.True(response.StatusCode == HttpStatusCode.OK && body!["errors"] is null, body?.ToJsonString());
        return body!;
    }
}
