using System.Diagnostics;
using System.Text.Json.Nodes;
using ClinicCms.Content.ContentItems;
using ClinicCms.Content.Versions;
using ClinicCms.Content.Webhooks;
using ClinicCms.Tests.Review;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicCms.Tests.Webhooks;

/// <summary>Deliveries end to end: a write fills the outbox in its transaction, the deliverer signs and sends, retries and logs.</summary>
[Collection(WebhookSite.Collection)]
public sealed class DeliveryTests(WebhookSite site)
{
    [Fact]
    public async Task A_publish_reaches_the_receiver_within_five_seconds_signed_with_the_item_and_its_cache_tags()
    {
        await WebhookSite.SubscribeAsync(site.App, "publish", site.Receiver.Url("publish"), [WebhookEvents.ContentPublished]);
        var watch = Stopwatch.StartNew();
        var id = await WebhookSite.CreateFaqAsync(site.App, "Is a webhook quick?");

        Assert.True(await WebhookSite.Until(() => site.Receiver.Of("publish").Count > 0 || watch.Elapsed > TimeSpan.FromSeconds(5)));
        var received = Assert.Single(site.Receiver.Of("publish"));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"received after {watch.Elapsed}");
        Assert.True(received.SignatureValid);
        Assert.StartsWith("msg_", received.Id);
        Assert.Equal("application/json", received.ContentType);
        var payload = JsonNode.Parse(received.Body)!;
        Assert.Equal("content.published", payload["type"]!.GetValue<string>());
        Assert.True(DateTimeOffset.TryParse(payload["timestamp"]!.GetValue<string>(), out _));
        var data = payload["data"]!;
        Assert.Equal(id, data["contentItemId"]!.GetValue<string>());
        Assert.Equal("FAQ", data["contentType"]!.GetValue<string>());
        Assert.Equal("Is a webhook quick?", data["displayText"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(data["contentItemVersionId"]!.GetValue<string>()));
        Assert.True(data.AsObject().ContainsKey("path"));
        Assert.Equal(["type:FAQ", "item:" + id], data["cacheTags"]!.AsArray().Select(t => t!.GetValue<string>()));
    }

    [Fact]
    public async Task Only_webhooks_that_listen_to_the_event_and_the_type_get_a_delivery()
    {
        var drafts = await WebhookSite.SubscribeAsync(site.App, "drafts", site.Receiver.Url("drafts"), [WebhookEvents.ContentDraftSaved]);
        var articles = await WebhookSite.SubscribeAsync(site.App, "articles", site.Receiver.Url("articles"), [WebhookEvents.ContentDraftSaved, WebhookEvents.ContentPublished], ["Article"]);
        var id = await WebhookSite.CreateFaqAsync(site.App, "Which webhooks hear a draft?", publish: false);

        var rows = await WebhookSite.DeliveriesAsync(site.App, drafts);
        Assert.Contains(rows, r => r.EventType == WebhookEvents.ContentDraftSaved && r.Payload.Contains(id, StringComparison.Ordinal));
        Assert.DoesNotContain(await WebhookSite.DeliveriesAsync(site.App, articles), r => r.Payload.Contains(id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_write_that_is_rolled_back_leaves_no_delivery()
    {
        var hook = await WebhookSite.SubscribeAsync(site.App, "rollback", site.Receiver.Url("rollback"), [.. WebhookEvents.All]);
        var result = await site.App.InScopeAsync(async sp =>
        {
            var content = sp.GetRequiredService<ContentService>();
            return await content.AllOrNothingAsync(async () =>
            {
                var first = await content.CreateAsync(ContentItemJson.FromJson(ReviewSite.Faq("Written, then rolled back?")), publish: true, WebhookSite.Chief);
                Assert.True(first.Succeeded);
                var invalid = ReviewSite.Faq("Refused?");
                invalid["FAQ"]!["Order"] = new JsonObject { ["Value"] = "not a number" };
                return await content.CreateAsync(ContentItemJson.FromJson(invalid), publish: true, WebhookSite.Chief);
            });
        });

        Assert.False(result.Succeeded);
        Assert.Empty(await WebhookSite.DeliveriesAsync(site.App, hook));
        Assert.Empty(site.Receiver.Of("rollback"));
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_retried_delivery_and_every_attempt_is_logged()
    {
        var hook = await WebhookSite.SubscribeAsync(site.App, "flaky", site.Receiver.Url("flaky", "fail2"), [WebhookEvents.ContentPublished]);
        await WebhookSite.CreateFaqAsync(site.App, "Is a webhook retried?");

        Assert.True(await WebhookSite.Until(() => site.Receiver.Of("flaky").Any(r => r.Answered == 200)));
        var received = site.Receiver.Of("flaky");
        Assert.Equal([500, 500, 200], received.Select(r => r.Answered));
        Assert.Single(received.Select(r => r.Id).Distinct()); // one delivery, the same webhook-id on each attempt
        Assert.All(received, r => Assert.True(r.SignatureValid));
        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(site.App, hook)).Single().State == WebhookDeliveryState.Delivered));
        var attempts = await WebhookSite.AttemptsAsync(site.App, hook);
        Assert.Equal([500, 500, 200], attempts.Select(a => a.StatusCode));
        Assert.All(attempts, a => Assert.True(a.DurationMs >= 0));
        Assert.Equal(3, (await WebhookSite.DeliveriesAsync(site.App, hook)).Single().Attempts);
    }

    [Fact]
    public async Task A_redirect_is_not_followed_and_the_delivery_fails_after_its_retries()
    {
        var hook = await WebhookSite.SubscribeAsync(site.App, "moved", site.Receiver.Url("moved", "redirect"), [WebhookEvents.ContentPublished]);
        await WebhookSite.CreateFaqAsync(site.App, "Is a redirect followed?");

        Assert.True(await WebhookSite.Until(async () => (await WebhookSite.DeliveriesAsync(site.App, hook)).Single().State == WebhookDeliveryState.Failed));
        var received = site.Receiver.Of("moved");
        Assert.Equal(4, received.Count); // the first attempt and three retries, none to the redirect's target
        Assert.All(received, r => Assert.Equal("redirect", r.Mode));
        var attempts = await WebhookSite.AttemptsAsync(site.App, hook);
        Assert.All(attempts, a => Assert.Equal(302, a.StatusCode));
        Assert.Contains("redirects are not followed", attempts[0].Error, StringComparison.Ordinal);
    }
}
